using FluentValidation;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>Query string of <c>GET /api/v1/changes</c> and <c>GET /api/v1/admin/changes</c>.</summary>
public sealed record ListChangesQuery
{
    /// <summary>The <c>nextCursor</c> of the previous call; omit it to read from the start (a full snapshot).</summary>
    public string? Since { get; init; }

    /// <summary>Page size, 1–1000 (default 100).</summary>
    /// <example>100</example>
    public int? Limit { get; init; }

    /// <summary>Comma-separated item types to include: <c>article</c>, <c>event</c>, <c>person</c> (default all three).</summary>
    /// <example>article,event</example>
    [OpenApi.Longest(100)]
    public string? Types { get; init; }
}

public sealed class ListChangesQueryValidator : AbstractValidator<ListChangesQuery>
{
    public const int MaxLimit = 1000;

    public ListChangesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        RuleFor(q => q.Since).MustBeCursor(c => ChangePosition.TryDecode(c, out _));
        RuleFor(q => q.Types).Must(types => ChangeFeed.TryParseTypes(types, out _))
            .WithMessage(_ => Localized.Text(
                "Loại chỉ gồm article, event, person, cách nhau bằng dấu phẩy.",
                "Types are article, event and person, separated by commas."));
    }
}

public static class ListChanges
{
    public static Task<Results<Ok<ChangePageResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ListChangesQuery query, ChangeFeed feed, CancellationToken cancellationToken) =>
        feed.PageAsync(query, management: false, cancellationToken);
}
