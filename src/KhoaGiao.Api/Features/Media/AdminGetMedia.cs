using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Media;

public static class AdminGetMedia
{
    public static async Task<Results<Ok<AdminMediaResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.AsNoTracking().Where(m => m.Id == id)
            .ProjectTo<AdminMediaResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return MediaProblems.NotFound(id);
        }

        ETags.Set(httpContext, item.Version);
        return TypedResults.Ok(item);
    }
}
