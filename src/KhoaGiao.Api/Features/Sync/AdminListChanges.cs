namespace KhoaGiao.Api.Features.Sync;

public static class AdminListChanges
{
    public static Task<Results<Ok<ChangePageResponse>, ProblemHttpResult>> HandleAsync(
        [AsParameters] ListChangesQuery query, ChangeFeed feed, CancellationToken cancellationToken) =>
        feed.PageAsync(query, management: true, cancellationToken);
}
