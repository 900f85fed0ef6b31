using KhoaGiao.Api.Features.People;

namespace KhoaGiao.Api.Features.Events;

/// <summary>
/// One person in one role at one event ("thành phần tham dự"). A person with several roles (chaired and
/// concluded) has one participation per role. The title is the one printed at the event, kept as it was so
/// a later change of position does not rewrite history.
/// </summary>
public sealed class Participation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public ParticipationRole Role { get; set; }

    /// <summary>Title as printed at the event ("Phó Bí thư Thường trực Tỉnh ủy").</summary>
    public string? TitleAtEvent { get; set; }

    /// <summary>Position within the role's list on the event page; lower first.</summary>
    public int DisplayOrder { get; set; }
}
