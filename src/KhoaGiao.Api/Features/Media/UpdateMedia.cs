using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Media;

/// <summary>A photo's texts, replaced as a whole; the file itself never changes (upload another photo instead).</summary>
public sealed record UpdateMediaRequest
{
    /// <summary>Text alternative for screen readers, up to 500 characters.</summary>
    /// <example>Các đại biểu dự tọa đàm</example>
    public string? Alt { get; init; }

    /// <summary>Caption, up to 2000 characters.</summary>
    /// <example>Các đại biểu dự tọa đàm.</example>
    public string? Caption { get; init; }

    /// <summary>Photographer or source, up to 300 characters.</summary>
    /// <example>Báo Hà Nam</example>
    public string? Credit { get; init; }

    /// <example>2023-08-16T14:30:00+07:00</example>
    public DateTimeOffset? TakenAt { get; init; }
}

public sealed class UpdateMediaRequestValidator : AbstractValidator<UpdateMediaRequest>
{
    public UpdateMediaRequestValidator()
    {
        RuleFor(r => r.Alt).MaximumLength(MediaItemConfiguration.AltMaxLength);
        RuleFor(r => r.Caption).MaximumLength(MediaItemConfiguration.CaptionMaxLength);
        RuleFor(r => r.Credit).MaximumLength(MediaItemConfiguration.CreditMaxLength);
    }
}

public static class UpdateMedia
{
    public static async Task<Results<Ok<AdminMediaResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, UpdateMediaRequest request, KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, IMapper mapper,
        TimeProvider clock, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return MediaProblems.NotFound(id);
        }

        if (db.RequiredIfMatchProblem(item, m => m.Version, httpContext) is { } precondition)
        {
            return precondition;
        }

        new MediaTexts(request.Alt, request.Caption, request.Credit, request.TakenAt).ApplyTo(item, takenAtFallback: null);
        item.UpdatedAt = clock.GetUtcNow();
        audit.Add("media.updated", "media", item.Id);
        await changes.SaveAsync([ChangedItem.Media(item.Id)], cancellationToken);
        ETags.Set(httpContext, item.Version);
        return TypedResults.Ok(mapper.Map<AdminMediaResponse>(item));
    }
}
