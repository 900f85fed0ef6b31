using FluentValidation;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Events;

/// <summary>An event's fields, to create one or replace one's. Status changes through publish and unpublish.</summary>
public sealed record EventRequest
{
    /// <summary><c>toaDam</c>, <c>hoiNghi</c>, <c>hoiThao</c>, <c>le</c> or <c>khac</c>.</summary>
    /// <example>toaDam</example>
    public EventKind? Kind { get; init; }

    /// <summary>Title, up to 300 characters.</summary>
    /// <example>Hội nghị triển khai công tác khoa giáo năm 2024</example>
    public string? Title { get; init; }

    /// <summary>URL slug (e.g. <c>hoi-nghi-trien-khai-cong-tac-khoa-giao-nam-2024</c>); null or omitted: derived from the title.</summary>
    /// <example>null</example>
    public string? Slug { get; init; }

    /// <summary>The organisation that held it (the id of one from <c>GET /api/v1/admin/organisations</c>), if known.</summary>
    /// <example>null</example>
    public Guid? OrganiserId { get; init; }

    /// <summary>The event's photo from the media library (the <c>cover.id</c> a GET returns), if any.</summary>
    /// <example>null</example>
    public Guid? CoverImageId { get; init; }

    /// <example>2023-08-16T14:00:00+07:00</example>
    public DateTimeOffset? StartsAt { get; init; }

    /// <example>2023-08-16T17:00:00+07:00</example>
    public DateTimeOffset? EndsAt { get; init; }

    /// <example>Hội trường Tỉnh ủy Hà Nam</example>
    public string? Location { get; init; }

    /// <example>Tọa đàm về công tác khoa giáo trên địa bàn tỉnh.</example>
    public string? Summary { get; init; }
}

public sealed class EventRequestValidator : AbstractValidator<EventRequest>
{
    public EventRequestValidator()
    {
        RuleFor(r => r.Kind).NotNull().IsInEnum();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(EventConfiguration.TitleMaxLength);
        RuleFor(r => r.Title!).MustHaveLettersOrDigits()
            .When(r => !string.IsNullOrWhiteSpace(r.Title));
        RuleFor(r => r.Slug!).MustBeSlug().When(r => r.Slug is not null);
        RuleFor(r => r.StartsAt).NotNull();
        RuleFor(r => r.EndsAt).GreaterThanOrEqualTo(r => r.StartsAt).When(r => r.StartsAt is not null && r.EndsAt is not null);
        RuleFor(r => r.Location).MaximumLength(EventConfiguration.LocationMaxLength);
        RuleFor(r => r.Summary).MaximumLength(EventConfiguration.SummaryMaxLength);
    }
}
