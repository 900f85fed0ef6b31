using FluentValidation;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>The event types a subscription may name.</summary>
public static class WebhookEventTypes
{
    private static readonly string[] ItemTypes = ["article", "event", "person"];

    private static readonly string[] Transitions = ["published", "updated", "unpublished", "deleted"];

    /// <summary><c>*</c>, each type's wildcard (<c>article.*</c>) and each type's transitions (<c>article.published</c>).</summary>
    public static IReadOnlyList<string> All { get; } =
        ["*", .. ItemTypes.SelectMany(type => (string[])[$"{type}.*", .. Transitions.Select(t => $"{type}.{t}")])];

    /// <summary>The type of the ping <c>POST /api/v1/admin/webhooks/{id}/test</c> sends, whatever the subscription names.</summary>
    public const string Test = "webhook.test";
}

/// <summary>Body of <c>POST /api/v1/admin/webhooks</c> and <c>PUT /api/v1/admin/webhooks/{id}</c>.</summary>
public sealed record WebhookRequest
{
    /// <summary>Where deliveries are posted: an <c>https</c> URL of a public address (<c>http</c> too where <c>Webhooks:AllowHttp</c> is on).</summary>
    /// <example>https://baohanam.com.vn/hooks/khoagiao</example>
    public string? Url { get; init; }

    /// <summary>What the subscription is for, up to 500 characters.</summary>
    /// <example>Cập nhật tin bài cho Báo Hà Nam</example>
    public string? Description { get; init; }

    /// <summary>The events to deliver: <c>*</c> for all, <c>article.*</c>, or single ones like <c>article.published</c>.</summary>
    /// <example>["article.published", "article.updated", "article.unpublished", "article.deleted"]</example>
    [OpenApi.ValuesFrom(typeof(WebhookEventTypes), nameof(WebhookEventTypes.All))]
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>Whether deliveries are sent (default true). Enabling a subscription the service disabled clears its failure record.</summary>
    /// <example>true</example>
    public bool? Enabled { get; init; }
}

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public WebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(WebhookSubscriptionConfiguration.UrlMaxLength);
        RuleFor(r => r.Description).MaximumLength(WebhookSubscriptionConfiguration.DescriptionMaxLength);
        RuleFor(r => r.EventTypes).NotEmpty().MostItems(WebhookEventTypes.All.Count);
        RuleForEach(r => r.EventTypes).Must(type => WebhookEventTypes.All.Contains(type))
            .WithMessage((_, type) => Localized.Text(
                $"Loại sự kiện '{Echo.Shown(type)}' không tồn tại; chọn trong: {string.Join(", ", WebhookEventTypes.All)}.",
                $"Unknown event type '{Echo.Shown(type)}'; choose from: {string.Join(", ", WebhookEventTypes.All)}."));
    }
}

/// <summary>Query string of a subscription's delivery log: page, and optionally one status.</summary>
public sealed record WebhookDeliveriesQuery
{
    /// <summary>Page size, 1–100 (default 100).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Only deliveries in this state: <c>pending</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    /// <example>failed</example>
    [OpenApi.ValuesFrom(typeof(WebhookDeliveryStatus))]
    public string? Status { get; init; }
}

public sealed class WebhookDeliveriesQueryValidator : AbstractValidator<WebhookDeliveriesQuery>
{
    public WebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Status).Must(status => status is null || QueryEnum.Parse<WebhookDeliveryStatus>(status) is not null)
            .WithMessage(_ => Localized.Text(
                $"Trạng thái phải là một trong: {QueryEnum.Names<WebhookDeliveryStatus>()}.",
                $"The status must be one of: {QueryEnum.Names<WebhookDeliveryStatus>()}."));
    }
}
