using KhoaGiao.Api.Features.Events;

namespace KhoaGiao.Api.Features.People;

/// <summary>A person in a list.</summary>
public sealed record PersonListItemResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>Đinh Thị Lụa</example>
    public required string FullName { get; init; }

    /// <summary>When the item last changed; a client that syncs can compare it with its copy.</summary>
    /// <example>2023-08-16T18:05:00+07:00</example>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A title a person held for a term.</summary>
public sealed record PositionResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d61</example>
    public Guid Id { get; init; }

    /// <example>Phó Bí thư Thường trực Tỉnh ủy</example>
    public required string Title { get; init; }

    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d00</example>
    public Guid? OrganisationId { get; init; }

    /// <example>Tỉnh ủy Hà Nam</example>
    [OpenApi.Longest(Organisations.OrganisationConfiguration.NameMaxLength)]
    public string? OrganisationName { get; init; }

    /// <summary>First day of the term, when known.</summary>
    /// <example>2020-10-16</example>
    public DateOnly? From { get; init; }

    /// <summary>Last day of the term; null while it lasts.</summary>
    /// <example>null</example>
    public DateOnly? To { get; init; }
}

/// <summary>One role a person had at an event, under the title printed there.</summary>
public sealed record PersonRoleResponse
{
    /// <example>phatBieuChiDao</example>
    public ParticipationRole Role { get; init; }

    /// <example>Phát biểu chỉ đạo</example>
    [OpenApi.ValuesFrom(typeof(EventLabels), nameof(EventLabels.RoleLabels))]
    public string RoleLabel => EventLabels.Of(Role);

    /// <summary>The title as printed at the event, kept as it was then.</summary>
    /// <example>Phó Bí thư Thường trực Tỉnh ủy</example>
    public string? TitleAtEvent { get; init; }
}

/// <summary>An event a person took part in, with what they did there.</summary>
public sealed record PersonEventResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d70</example>
    public Guid EventId { get; init; }

    /// <example>toa-dam-nang-cao-chat-luong-hieu-qua-cong-tac-khoa-giao-tren-dia-ban-tinh-ha-nam</example>
    public required string Slug { get; init; }

    /// <example>Tọa đàm “Nâng cao chất lượng, hiệu quả công tác khoa giáo trên địa bàn tỉnh Hà Nam”</example>
    public required string Title { get; init; }

    /// <example>toaDam</example>
    public EventKind Kind { get; init; }

    /// <example>2023-08-16T07:00:00+00:00</example>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>The calendar date of <c>startsAt</c> in Asia/Ho_Chi_Minh.</summary>
    /// <example>2023-08-16</example>
    public DateOnly LocalDate => Time.VietnamTime.DateOf(StartsAt);

    [OpenApi.MostItems(typeof(Events.ParticipationRole))]
    public required IReadOnlyList<PersonRoleResponse> Roles { get; init; }
}

/// <summary>A person with positions over time and the events attended, newest first.</summary>
public sealed record PersonResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d5e</example>
    public Guid Id { get; init; }

    /// <example>Đinh Thị Lụa</example>
    public required string FullName { get; init; }

    [OpenApi.MostItems(PersonRequestValidator.MaxPositions)]
    public required IReadOnlyList<PositionResponse> Positions { get; init; }

    [OpenApi.MostItems(MaxEvents)]
    public required IReadOnlyList<PersonEventResponse> Events { get; init; }

    /// <summary>Most events a person lists: the newest, which a career of provincial meetings stays well within.</summary>
    public const int MaxEvents = 500;
}
