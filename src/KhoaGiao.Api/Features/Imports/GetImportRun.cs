using AutoMapper;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Imports;

public static class GetImportRun
{
    public static async Task<Results<Ok<ImportRunDetailResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, KhoaGiaoDbContext db, IMapper mapper, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null
            ? ProblemResults.NotFound($"Không có đợt nhập bài {id}.", $"There is no import run {id}.")
            : TypedResults.Ok(mapper.Map<ImportRunDetailResponse>(run));
    }
}
