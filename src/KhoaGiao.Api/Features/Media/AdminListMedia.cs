using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Media;

/// <summary>Query string of the media library's list.</summary>
public sealed record ListMediaQuery
{
    /// <summary>
    /// Words found in the file name, alt text, caption or credit, in any order and anywhere in a word, insensitive to
    /// case, marks, đ/d and i/y: <c>dai bieu</c> finds "Các đại biểu dự tọa đàm.".
    /// </summary>
    /// <example>dai bieu</example>
    public string? Q { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListMediaQueryValidator : AbstractValidator<ListMediaQuery>
{
    public ListMediaQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

public static class AdminListMedia
{
    public static async Task<Ok<PageResponse<AdminMediaResponse>>> HandleAsync(
        [AsParameters] ListMediaQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var items = db.MediaItems.AsNoTracking();
        foreach (var word in SearchFolding.Fold(query.Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct())
        {
            items = items.Where(m => m.SearchText.Contains(word));
        }

        return TypedResults.Ok(await items.NewestFirstAsync(query.Cursor, query.Limit ?? 20, m => m.CreatedAt, m => m.Id,
            mapper.ConfigurationProvider, (AdminMediaResponse m) => new Cursor(m.CreatedAt, m.Id), cancellationToken));
    }
}
