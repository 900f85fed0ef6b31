using KhoaGiao.Api.Features.Organisations;

namespace KhoaGiao.Api.Features.Events;

/// <summary>A meeting the department's news reports on ("sự kiện"): a tọa đàm, hội nghị, hội thảo, lễ…</summary>
public sealed class Event
{
    /// <summary>
    /// Most participations an event holds: a provincial meeting has tens; the cap keeps an event's representation
    /// (which lists them all) bounded.
    /// </summary>
    public const int MaxParticipations = 500;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; set; }

    public EventKind Kind { get; set; }

    public required string Title { get; set; }

    public Guid? OrganiserId { get; set; }

    /// <summary>Who held it ("đơn vị tổ chức").</summary>
    public Organisation? Organiser { get; set; }

    /// <summary>The event's photo from the media library (a banner, the hall), served in the sizes screens need.</summary>
    public Guid? CoverImageId { get; set; }

    public Media.MediaItem? CoverImage { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public string? Location { get; set; }

    public string? Summary { get; set; }

    public EventStatus Status { get; private set; } = EventStatus.Draft;

    public List<Participation> Participations { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token mapped to PostgreSQL's <c>xmin</c>; exposed as the ETag.</summary>
    public uint Version { get; set; }

    public void Publish(DateTimeOffset now)
    {
        Status = EventStatus.Published;
        UpdatedAt = now;
    }

    public void Unpublish(DateTimeOffset now)
    {
        Status = EventStatus.Draft;
        UpdatedAt = now;
    }
}
