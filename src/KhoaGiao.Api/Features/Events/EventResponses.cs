using System.Diagnostics.CodeAnalysis;

namespace KhoaGiao.Api.Features.Events;

/// <summary>The organisation that held an event.</summary>
public sealed record EventOrganiserResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d00</example>
    public Guid Id { get; init; }

    /// <example>Ban Tuyên giáo Tỉnh ủy Hà Nam</example>
    public required string Name { get; init; }

    /// <example>BTG Tỉnh ủy</example>
    public string? ShortName { get; init; }
}

/// <summary>An event in a list.</summary>
public record EventListItemResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d70</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>toaDam</example>
    public EventKind Kind { get; init; }

    /// <example>Tọa đàm</example>
    [OpenApi.ValuesFrom(typeof(EventLabels), nameof(EventLabels.KindLabels))]
    public string KindLabel => EventLabels.Of(Kind);

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    public EventOrganiserResponse? Organiser { get; init; }

    /// <summary>The event's photo from the media library, with every rendition (<c>sources</c>), caption and credit; null for none.</summary>
    public Media.MediaResponse? Cover { get; init; }

    /// <example>2023-08-16T07:00:00+00:00</example>
    public DateTimeOffset StartsAt { get; init; }

    /// <example>2023-08-16T10:00:00+00:00</example>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The calendar date of <c>startsAt</c> in Asia/Ho_Chi_Minh.</summary>
    /// <example>2023-08-16</example>
    public DateOnly LocalDate => Time.VietnamTime.DateOf(StartsAt);

    /// <example>Hội trường Tỉnh ủy Hà Nam</example>
    public string? Location { get; init; }

    /// <example>Tọa đàm về công tác khoa giáo trên địa bàn tỉnh.</example>
    public string? Summary { get; init; }

    /// <summary>When the item last changed; a client that syncs can compare it with its copy.</summary>
    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One participant under one role, with the title printed at the event.</summary>
public sealed record EventParticipantResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid PersonId { get; init; }

    /// <example>Đinh Thị Lụa</example>
    public required string FullName { get; init; }

    /// <example>Phó Bí thư Thường trực Tỉnh ủy</example>
    public string? TitleAtEvent { get; init; }
}

/// <summary>Everyone who took one role at an event, in display order.</summary>
public sealed record EventRoleGroupResponse
{
    /// <example>chuTri</example>
    public ParticipationRole Role { get; init; }

    /// <example>Chủ trì</example>
    [OpenApi.ValuesFrom(typeof(EventLabels), nameof(EventLabels.RoleLabels))]
    public string RoleLabel => EventLabels.Of(Role);

    [OpenApi.MostItems(Event.MaxParticipations)]
    public required IReadOnlyList<EventParticipantResponse> Participants { get; init; }
}

/// <summary>A published article that reports on the event.</summary>
public sealed record EventArticleResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <example>2023-08-16T11:00:00+00:00</example>
    public DateTimeOffset PublishedAt { get; init; }
}

/// <summary>One event with its participants grouped by role and the articles that report it.</summary>
public sealed record EventResponse : EventListItemResponse
{
    [SetsRequiredMembers]
    public EventResponse(EventListItemResponse item)
        : base(item)
    {
    }

    /// <summary>Most articles an event lists; <c>GET /api/v1/articles?eventId=</c> pages through all of them.</summary>
    public const int MaxArticles = 100;

    /// <summary>Roles in the order an event page lists them (chủ trì, phát biểu chỉ đạo, tham luận, phát biểu kết luận, dự).</summary>
    [OpenApi.MostItems(typeof(ParticipationRole))]
    public IReadOnlyList<EventRoleGroupResponse> Participants { get; init; } = [];

    /// <summary>The published articles that report the event, newest first: the 100 newest (<c>GET /api/v1/articles?eventId=</c> lists them all).</summary>
    [OpenApi.MostItems(MaxArticles)]
    public IReadOnlyList<EventArticleResponse> Articles { get; init; } = [];
}

/// <summary>A participation as editors manage it.</summary>
public sealed record ParticipationResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d80</example>
    public Guid Id { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid PersonId { get; init; }

    /// <example>Lê Thị Thanh Hà</example>
    public required string FullName { get; init; }

    /// <example>chuTri</example>
    public ParticipationRole Role { get; init; }

    /// <example>Chủ trì</example>
    [OpenApi.ValuesFrom(typeof(EventLabels), nameof(EventLabels.RoleLabels))]
    public string RoleLabel => EventLabels.Of(Role);

    /// <example>Ủy viên BTV Tỉnh ủy, Trưởng BTG Tỉnh ủy</example>
    public string? TitleAtEvent { get; init; }

    /// <example>1</example>
    public int DisplayOrder { get; init; }
}

/// <summary>An event as editors see it, any status. Its <c>ETag</c> header carries <see cref="Version"/>.</summary>
public sealed record AdminEventResponse : EventListItemResponse
{
    [SetsRequiredMembers]
    public AdminEventResponse(EventListItemResponse item)
        : base(item)
    {
    }

    /// <example>published</example>
    public EventStatus Status { get; init; }

    /// <example>1234</example>
    public uint Version { get; init; }

    /// <summary>Participations by role, then display order.</summary>
    [OpenApi.MostItems(Event.MaxParticipations)]
    public IReadOnlyList<ParticipationResponse> Participations { get; init; } = [];
}
