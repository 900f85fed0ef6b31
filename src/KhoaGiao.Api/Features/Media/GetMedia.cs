using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Media;

public static class GetMedia
{
    public static async Task<Results<Ok<MediaResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.AsNoTracking().Where(m => m.Id == id)
            .ProjectTo<MediaResponse>(mapper.ConfigurationProvider).FirstOrDefaultAsync(cancellationToken);
        return item is null ? MediaProblems.NotFound(id) : TypedResults.Ok(item);
    }
}
