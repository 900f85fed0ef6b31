using KhoaGiao.Api.Features.Articles;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// An item a write changed, as handed to <see cref="ChangeLog"/>; a null id is ignored. An article the write saved
/// may come with its entity (<see cref="Written"/>), whose saved slug, status, publication time and event are then
/// used as they are rather than read back.
/// </summary>
public readonly record struct ChangedItem(ChangeType Type, Guid? Id)
{
    /// <summary>The article as this write saved it, when the write holds it.</summary>
    public Article? Written { get; private init; }

    public static ChangedItem Article(Guid? id) => new(ChangeType.Article, id);

    /// <summary>An article this write saved (and did not delete), as it stands after the save.</summary>
    public static ChangedItem Article(Article saved) => new(ChangeType.Article, saved.Id) { Written = saved };

    public static ChangedItem Event(Guid? id) => new(ChangeType.Event, id);

    public static ChangedItem Person(Guid? id) => new(ChangeType.Person, id);

    public static ChangedItem Organisation(Guid? id) => new(ChangeType.Organisation, id);

    public static ChangedItem Media(Guid? id) => new(ChangeType.Media, id);
}
