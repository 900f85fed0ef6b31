namespace KhoaGiao.Api.Features.Sync;

/// <summary>An item a write changed, as handed to <see cref="ChangeLog"/>; a null id is ignored.</summary>
public readonly record struct ChangedItem(ChangeType Type, Guid? Id)
{
    public static ChangedItem Article(Guid? id) => new(ChangeType.Article, id);

    public static ChangedItem Event(Guid? id) => new(ChangeType.Event, id);

    public static ChangedItem Person(Guid? id) => new(ChangeType.Person, id);

    public static ChangedItem Organisation(Guid? id) => new(ChangeType.Organisation, id);
}
