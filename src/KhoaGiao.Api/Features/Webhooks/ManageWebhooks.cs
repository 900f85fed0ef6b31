using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>The subscriptions: list, read, create (with the secret shown once), replace, delete, rotate the secret.</summary>
public static class ManageWebhooks
{
    /// <summary>How long the secret before a rotation keeps signing, so receivers can switch without losing a delivery.</summary>
    public static readonly TimeSpan PreviousSecretValidity = TimeSpan.FromHours(24);

    public static async Task<Ok<PageResponse<WebhookResponse>>> ListAsync(
        [AsParameters] TimePageQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        return TypedResults.Ok(await db.WebhookSubscriptions.AsNoTracking().NewestFirstAsync(query.Cursor, query.Limit ?? Paging.MaxLimit,
            s => s.CreatedAt, s => s.Id, mapper.ConfigurationProvider, (WebhookResponse s) => new Cursor(s.CreatedAt, s.Id), cancellationToken));
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, HttpContext http, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        ETags.Set(http, subscription.Version);
        return TypedResults.Ok(mapper.Map<WebhookResponse>(subscription));
    }

    public static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        WebhookRequest request, KhoaGiaoDbContext db, WebhookDestinations destinations, WebhookSecrets secrets, AuditLog audit,
        IMapper mapper, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await destinations.RefusalAsync(request.Url!.Trim(), cancellationToken) is { } refusal)
        {
            return UrlRefused(refusal);
        }

        var (shown, stored) = secrets.New();
        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Url = request.Url!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            EventTypes = [.. request.EventTypes!.Distinct()],
            Enabled = request.Enabled ?? true,
            Secret = stored,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        audit.Add("webhook.created", "webhook", subscription.Id, $"url={subscription.Url}; events={string.Join(",", subscription.EventTypes)}");
        await db.SaveChangesAsync(cancellationToken);
        var response = mapper.Map<WebhookResponse>(subscription);
        return TypedResults.Created($"/api/v1/admin/webhooks/{subscription.Id}", new CreatedWebhookResponse
        {
            Id = response.Id,
            Url = response.Url,
            Description = response.Description,
            EventTypes = response.EventTypes,
            Enabled = response.Enabled,
            CreatedAt = response.CreatedAt,
            UpdatedAt = response.UpdatedAt,
            Secret = shown,
        });
    }

    public static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> ReplaceAsync(
        Guid id, WebhookRequest request, KhoaGiaoDbContext db, WebhookDestinations destinations, AuditLog audit, IMapper mapper,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        if (!db.MatchesIfMatch(subscription, s => s.Version, http))
        {
            return ProblemResults.PreconditionFailed();
        }

        var url = request.Url!.Trim();
        if (url != subscription.Url && await destinations.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            return UrlRefused(refusal);
        }

        var enabled = request.Enabled ?? true;
        if (enabled && !subscription.Enabled)
        {
            subscription.DisabledReason = null;
            subscription.FailingSince = null;
        }

        subscription.Url = url;
        subscription.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        subscription.EventTypes = [.. request.EventTypes!.Distinct()];
        subscription.Enabled = enabled;
        subscription.UpdatedAt = clock.GetUtcNow();
        audit.Add("webhook.updated", "webhook", subscription.Id,
            $"url={subscription.Url}; events={string.Join(",", subscription.EventTypes)}; enabled={subscription.Enabled}");
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, subscription.Version);
        return TypedResults.Ok(mapper.Map<WebhookResponse>(subscription));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, KhoaGiaoDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        db.WebhookSubscriptions.Remove(subscription);
        audit.Add("webhook.deleted", "webhook", subscription.Id, $"url={subscription.Url}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        Guid id, KhoaGiaoDbContext db, WebhookSecrets secrets, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return NotFound(id);
        }

        var (shown, stored) = secrets.New();
        var now = clock.GetUtcNow();
        subscription.PreviousSecret = subscription.Secret;
        subscription.PreviousSecretExpiresAt = now + PreviousSecretValidity;
        subscription.Secret = stored;
        subscription.UpdatedAt = now;
        audit.Add("webhook.secretRotated", "webhook", subscription.Id, $"previousSecretExpiresAt={subscription.PreviousSecretExpiresAt:O}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new WebhookSecretResponse { Secret = shown, PreviousSecretExpiresAt = subscription.PreviousSecretExpiresAt.Value });
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có webhook với mã '{id}'.", $"No webhook with id '{id}'.");

    private static ProblemHttpResult UrlRefused(string reason) =>
        ProblemResults.Validation(new Dictionary<string, string[]> { ["url"] = [reason] });
}
