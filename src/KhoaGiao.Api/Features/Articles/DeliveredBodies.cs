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
        var ids = articles.SelectMany(a => MediaFigures.IdsIn(a.Body)).ToHashSet();
        if (ids.Count == 0)
        {
            return articles;
        }

        // Each photo's markup once, however many articles of the page show it.
        var figures = (await db.MediaItems.AsNoTracking().Where(m => ids.Contains(m.Id))
                .ProjectTo<MediaResponse>(mapper.ConfigurationProvider)
                .ToListAsync(cancellationToken))
            .ToDictionary(m => m.Id, MediaFigures.Render);
        return [.. articles.Select(article =>
        {
            var body = MediaFigures.Fill(article.Body, id => figures.GetValueOrDefault(id, ""));
            return ReferenceEquals(body, article.Body) ? article : article with { Body = body };
        })];
    }
}
