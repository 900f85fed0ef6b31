using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Article bodies as readers get them: each photo of the library (<see cref="MediaFigures"/>) filled with its renditions,
/// caption and credit, read in one query for all the articles at hand. Used by every route that delivers a body.
/// </summary>
public sealed class DeliveredBodies(KhoaGiaoDbContext db, IMapper mapper)
{
    public async Task<ArticleResponse?> FillAsync(ArticleResponse? article, CancellationToken cancellationToken) =>
        article is null ? null : (await FillAsync([article], cancellationToken))[0];

    public async Task<List<ArticleResponse>> FillAsync(List<ArticleResponse> articles, CancellationToken cancellationToken)
    {
        var ids = articles.SelectMany(a => MediaFigures.IdsIn(a.Body)).Distinct().ToList();
        if (ids.Count == 0)
        {
            return articles;
        }

        var photos = await db.MediaItems.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ProjectTo<MediaResponse>(mapper.ConfigurationProvider)
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return [.. articles.Select(article => MediaFigures.IdsIn(article.Body).Any()
            ? article with
            {
                Body = MediaFigures.IdsIn(article.Body).Aggregate(article.Body, (body, id) => body.Replace(
                    MediaFigures.Stored(id), photos.TryGetValue(id, out var photo) ? MediaFigures.Render(photo) : "", StringComparison.Ordinal)),
            }
            : article)];
    }
}
