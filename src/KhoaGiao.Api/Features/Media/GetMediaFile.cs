using KhoaGiao.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace KhoaGiao.Api.Features.Media;

public static class GetMediaFile
{
    private static readonly Func<KhoaGiaoDbContext, Guid, Task<MediaItem?>> Item = EF.CompileAsyncQuery(
        (KhoaGiaoDbContext db, Guid id) => db.MediaItems.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new MediaItem { Id = m.Id, Format = m.Format, Width = m.Width, Height = m.Height, Sha256 = m.Sha256, CreatedAt = m.CreatedAt })
            .FirstOrDefault());

    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        Guid id, string name, KhoaGiaoDbContext db, MediaFileIndex index, MediaFiles files, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var item = await index.FindAsync(id, () => Item(db, id));
        if (item is null)
        {
            return MediaProblems.NotFound(id);
        }

        if (MediaFile.Parse(name, item.Format, item.Width) is not { } file)
        {
            return MediaProblems.FileNotFound(id, name);
        }

        var etag = new EntityTagHeaderValue(file.ETagFor(item.Sha256));
        if (httpContext.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
            && ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            httpContext.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var stored = await files.OpenAsync(item, file, cancellationToken);
        if (stored is null)
        {
            return MediaProblems.FileNotFound(id, name);
        }

        httpContext.Response.RegisterForDisposeAsync(stored);
        httpContext.Response.ContentLength = stored.Length;
        return TypedResults.Stream(stored.Content, file.Format.ContentType(), lastModified: item.CreatedAt, entityTag: etag,
            enableRangeProcessing: stored.Content.CanSeek);
    }
}
