using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Query string of <c>GET /api/v1/admin/articles</c>.</summary>
public sealed record AdminListArticlesQuery
{
    /// <summary>Only articles in this status: <c>draft</c>, <c>inReview</c>, <c>scheduled</c>, <c>published</c> or <c>archived</c>.</summary>
    [OpenApi.ValuesFrom(typeof(ArticleStatus))]
    public string? Status { get; init; }

    /// <summary>The status filter, parsed as the API spells it (camelCase) or in any case.</summary>
    public ArticleStatus? ParsedStatus =>
        QueryEnum.Parse<ArticleStatus>(Status);

    /// <summary>Only articles from this source (e.g. <c>Báo Hà Nam</c>); case, diacritics and spaces do not matter.</summary>
    [OpenApi.Longest(ArticleConfiguration.SourceNameMaxLength)]
    public string? Source { get; init; }

    /// <summary>Only articles with this id at their source (with <c>source</c>: at most one).</summary>
    [OpenApi.Longest(ArticleConfiguration.ExternalIdMaxLength)]
    public string? ExternalId { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class AdminListArticlesQueryValidator : AbstractValidator<AdminListArticlesQuery>
{
    public AdminListArticlesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Status).Must((query, status) => status is null || query.ParsedStatus is not null)
            .WithMessage(_ => Localized.Text(
                $"Trạng thái phải là một trong: {QueryEnum.Names<ArticleStatus>()}.",
                $"The status must be one of: {QueryEnum.Names<ArticleStatus>()}."));
        RuleFor(q => q.Source).MaximumLength(ArticleConfiguration.SourceNameMaxLength);
        RuleFor(q => q.ExternalId).MaximumLength(ArticleConfiguration.ExternalIdMaxLength);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

public static class AdminListArticles
{
    public static async Task<Ok<PageResponse<AdminArticleListItemResponse>>> HandleAsync(
        [AsParameters] AdminListArticlesQuery query,
        KhoaGiaoDbContext db,
        IMapper mapper,
        CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking();
        if (query.ParsedStatus is { } status)
        {
            articles = articles.Where(a => a.Status == status);
        }

        if (ArticleSource.KeyOf(query.Source) is { } sourceKey)
        {
            articles = articles.Where(a => a.Source.Key == sourceKey);
        }

        if (!string.IsNullOrWhiteSpace(query.ExternalId))
        {
            var externalId = query.ExternalId.Trim();
            articles = articles.Where(a => a.Source.ExternalId == externalId);
        }

        if (Cursor.TryDecode(query.Cursor, out var after))
        {
            articles = articles.Where(a => EF.Functions.LessThan(
                ValueTuple.Create(a.CreatedAt, a.Id), ValueTuple.Create(after.Position, after.Id)));
        }

        var limit = query.Limit ?? ListArticles.DefaultLimit;
        var items = await articles
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Take(limit + 1)
            .ProjectTo<AdminArticleListItemResponse>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Paging.Page(items, limit, i => new Cursor(i.CreatedAt, i.Id).Encode()));
    }
}
