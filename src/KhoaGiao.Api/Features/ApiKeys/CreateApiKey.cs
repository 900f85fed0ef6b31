using KhoaGiao.Api.Http;
using System.Globalization;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.ApiKeys;

/// <summary>Body of <c>POST /api/v1/admin/api-keys</c>.</summary>
public sealed record CreateApiKeyRequest
{
    /// <summary>What the key is for, up to 100 characters.</summary>
    /// <example>Đồng bộ Báo Hà Nam</example>
    public string? Name { get; init; }

    /// <summary>Scopes granted: <c>content:read</c>, <c>content:write</c>, <c>content:publish</c>, <c>webhooks:manage</c>, <c>admin</c>.</summary>
    /// <example>["content:read", "content:write"]</example>
    [OpenApi.ValuesFrom(typeof(Security.Scopes), nameof(Security.Scopes.All))]
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>
    /// Management requests per minute the key may make, 1–100000; past it, 429 with <c>Retry-After</c>. Omitted or
    /// null: the service-wide limit (<c>Http:ManagementRequestsPerMinute</c>).
    /// </summary>
    /// <example>120</example>
    public int? RequestsPerMinute { get; init; }
}

public sealed class CreateApiKeyRequestValidator : AbstractValidator<CreateApiKeyRequest>
{
    public const int MaxRequestsPerMinute = 100_000;

    public CreateApiKeyRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(ApiKeyConfiguration.NameMaxLength);
        RuleFor(r => r.RequestsPerMinute).InclusiveBetween(1, MaxRequestsPerMinute);
        RuleFor(r => r.Scopes).NotEmpty().MostItems(Security.Scopes.All.Count);
        RuleForEach(r => r.Scopes).Must(scope => Security.Scopes.All.Contains(scope))
            .WithMessage((_, scope) => Localized.Text(
                $"Phạm vi '{Text.Echo.Shown(scope)}' không tồn tại; chọn trong: {string.Join(", ", Security.Scopes.All)}.",
                $"Unknown scope '{Text.Echo.Shown(scope)}'; choose from: {string.Join(", ", Security.Scopes.All)}."));
    }
}

public static class CreateApiKey
{
    public static async Task<Created<CreatedApiKeyResponse>> HandleAsync(
        CreateApiKeyRequest request, KhoaGiaoDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = ApiKeyHasher.NewKey();
        var apiKey = new ApiKey
        {
            Name = request.Name!.Trim(),
            Prefix = ApiKeyHasher.DisplayPrefix(key),
            Hash = ApiKeyHasher.Hash(key),
            Scopes = request.Scopes!.Distinct().ToList(),
            CreatedAt = clock.GetUtcNow(),
            RequestsPerMinute = request.RequestsPerMinute,
        };
        db.ApiKeys.Add(apiKey);
        audit.Add("apiKey.created", "apiKey", apiKey.Id,
            $"name={apiKey.Name}; scopes={string.Join(",", apiKey.Scopes)}; requestsPerMinute={apiKey.RequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "default"}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/admin/api-keys/{apiKey.Id}", new CreatedApiKeyResponse
        {
            Id = apiKey.Id,
            Name = apiKey.Name,
            Key = key,
            Scopes = apiKey.Scopes,
            RequestsPerMinute = apiKey.RequestsPerMinute,
            CreatedAt = apiKey.CreatedAt,
        });
    }
}
