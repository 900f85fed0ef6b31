using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// An article's tags as delivery reads select them: two arrays aggregated in the article's own row
/// (<c>array_agg(slug ORDER BY id)</c>, <c>array_agg(name ORDER BY id)</c>), paired up here. Selected as a collection,
/// EF Core joins the tags to the article and sends the whole row, body included, once per tag, then reassembles
/// it; measured with deploy/bench/reads.sh, that cost an uncached article read a fifth of its database time
/// (docs/benchmarks.md#reads).
/// </summary>
public static class DeliveredTags
{
    /// <summary>
    /// For projections only (the aggregates exist in SQL alone): the article's tags by tag id. Grouped by a constant,
    /// the tags make one group or none; <c>SingleOrDefault</c> says so (<c>FirstOrDefault</c> would log a warning).
    /// </summary>
    public static readonly Expression<Func<Article, IReadOnlyList<ArticleTagResponse>>> Of = a => Pair(
        a.Tags.GroupBy(t => 1).Select(g => new TagArrays
        {
            Slugs = EF.Functions.ArrayAgg(g.OrderBy(t => t.Id).Select(t => t.Slug)),
            Names = EF.Functions.ArrayAgg(g.OrderBy(t => t.Id).Select(t => t.Name)),
        }).SingleOrDefault());

    public sealed class TagArrays
    {
        public string[] Slugs { get; init; } = [];

        public string[] Names { get; init; } = [];
    }

    /// <summary>The tags from their slugs and names, index by index; none when the article has no tags (null arrays).</summary>
    public static IReadOnlyList<ArticleTagResponse> Pair(TagArrays? arrays)
    {
        if (arrays is not { Slugs: var slugs, Names: var names })
        {
            return [];
        }

        var tags = new ArticleTagResponse[slugs.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = new ArticleTagResponse { Slug = slugs[i], Name = names[i] };
        }

        return tags;
    }
}
