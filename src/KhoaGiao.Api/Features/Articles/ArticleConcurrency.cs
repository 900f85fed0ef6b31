using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Honours <c>If-Match</c> on article writes: the database re-checks the version when saving.</summary>
public static class ArticleConcurrency
{
    /// <summary>False when <c>If-Match</c> names a version other than the article's current one.</summary>
    public static bool MatchesIfMatch(this KhoaGiaoDbContext db, Article article, HttpContext context)
    {
        if (!ETags.TryGetIfMatch(context, out var version))
        {
            return false;
        }

        if (version is { } expected)
        {
            if (expected != article.Version)
            {
                return false;
            }

            db.Entry(article).Property(a => a.Version).OriginalValue = expected;
        }

        return true;
    }
}
