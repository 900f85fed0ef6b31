using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>Query string of <c>GET /api/v1/admin/imports</c>.</summary>
public sealed record ListImportRunsQuery
{
    /// <summary>Only runs of this source (its name, in any case, with or without marks).</summary>
    /// <example>Báo Hà Nam</example>
    public string? Source { get; init; }

    /// <summary>Only runs in this status: running, succeeded, completedWithFailures, failed, stopped, interrupted.</summary>
    /// <example>failed</example>
    [OpenApi.ValuesFrom(typeof(ImportRunStatus))]
    public string? Status { get; init; }

    /// <summary>Page size, 1–100 (default 20).</summary>
    /// <example>20</example>
    public int? Limit { get; init; }

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListImportRunsQueryValidator : AbstractValidator<ListImportRunsQuery>
{
    public ListImportRunsQueryValidator()
    {
        RuleFor(q => q.Source).MaximumLength(ArticleConfiguration.SourceNameMaxLength);
        RuleFor(q => q.Status).Must(status => status is null || QueryEnum.Parse<ImportRunStatus>(status) is not null)
            .WithMessage(_ => Localized.Text(
                $"Trạng thái phải là một trong: {QueryEnum.Names<ImportRunStatus>()}.",
                $"The status must be one of: {QueryEnum.Names<ImportRunStatus>()}."));
        RuleFor(q => q.Limit).InclusiveBetween(1, 100);
        RuleFor(q => q.Cursor).MustBeCursor();
    }
}

public static class ListImportRuns
{
    public static async Task<Ok<PageResponse<ImportRunResponse>>> HandleAsync(
        [AsParameters] ListImportRunsQuery query, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var runs = db.ImportRuns.AsNoTracking();
        if (ArticleSource.KeyOf(query.Source) is { } key)
        {
            runs = runs.Where(r => r.SourceKey == key);
        }

        if (QueryEnum.Parse<ImportRunStatus>(query.Status) is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        return TypedResults.Ok(await runs.NewestFirstAsync(query.Cursor, query.Limit ?? 20, r => r.StartedAt, r => r.Id,
            mapper.ConfigurationProvider, (ImportRunResponse r) => new Cursor(r.StartedAt, r.Id), cancellationToken));
    }
}
