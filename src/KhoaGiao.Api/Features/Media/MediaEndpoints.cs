using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

public static class MediaEndpoints
{
    /// <summary>Room for the form's text fields and multipart boundaries around the largest file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<MediaOptions>>().Value.MaxUploadBytes;

        // A file's URL never names other bytes (MediaFile.ETagFor): caches keep it for a year without asking again.
        var files = app.MapDeliveryGroup("/media", "Media files", outputCached: false).WithMetadata(ImmutableEndpointMetadata.Instance);
        files.MapGet("/{id:guid}/{name}", GetMediaFile.HandleAsync).WithName(nameof(GetMediaFile))
            .WithSummary("Get a photo's file")
            .WithDescription("`original.{jpg|png|webp|gif}` (the uploaded format, upright, without EXIF or other metadata) or a rendition `{width}.{webp|jpg}` at a width listed in the photo's `sources`. Files never change: `Cache-Control: public, max-age=31536000, immutable` and a strong `ETag` (304 on `If-None-Match`); ranges are served. A rendition not made yet is made on this request.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "image/jpeg", "image/webp", "image/png", "image/gif")
            .Produces(StatusCodes.Status206PartialContent, typeof(Stream), "image/jpeg", "image/webp", "image/png", "image/gif")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var delivery = app.MapDeliveryGroup("/api/v1/media", "Media");
        delivery.MapGet("/{id:guid}", GetMedia.HandleAsync).WithName(nameof(GetMedia))
            .WithSummary("Get a photo")
            .WithDescription("Its original's and every rendition's URL, width and height (`sources`), with its alt text, caption and credit.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapManagementGroup("/api/v1/admin/media", "Media (management)");
        admin.MapGet("/", AdminListMedia.HandleAsync).WithName(nameof(AdminListMedia))
            .WithSummary("List the media library")
            .WithDescription("Newest first, 20 to a page by default; `q` searches file names, alt texts, captions and credits. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", AdminGetMedia.HandleAsync).WithName(nameof(AdminGetMedia))
            .WithSummary("Get a photo of the library")
            .WithDescription("With the upload's details and the `ETag` to send as `If-Match`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", UploadMedia.HandleAsync).WithName(nameof(UploadMedia))
            .WithSummary("Upload a photo")
            .WithDescription("`multipart/form-data` with one `file` and optional `alt`, `caption`, `credit` and `takenAt`. The type is told from the bytes: JPEG, PNG, WebP and GIF are taken, anything else (SVG, HTML, a script named .jpg) is 415. Over `Media:MaxUploadBytes` (20 MB) is 413; over `Media:MaxPixels` (50 megapixels, read from the header before any pixel is decoded) or a damaged file is 400. EXIF and other metadata (GPS positions included) are never served; the EXIF orientation is applied. Answers 201 once the file is stored; the renditions are made in the background. 503 when the media store is unreachable, with nothing saved. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .DisableAntiforgery()
            .Accepts<UploadMediaRequest>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + FormOverheadBytes))
            .WithFormOptions(multipartBodyLengthLimit: maxUpload + FormOverheadBytes)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapPut("/{id:guid}", UpdateMedia.HandleAsync).WithName(nameof(UpdateMedia))
            .WithSummary("Replace a photo's texts")
            .WithDescription("Alt text, caption, credit and time taken; articles and events showing the photo change with it. Requires `If-Match` with the ETag last read (428 without, 412 when stale). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        admin.MapDelete("/{id:guid}", DeleteMedia.HandleAsync).WithName(nameof(DeleteMedia))
            .WithSummary("Delete a photo")
            .WithDescription("Refused with 409, naming them (`articles`, `events`: slugs), while articles (as cover or in the body) or events (as cover) show it. `If-Match` is optional and honoured (412 when stale). Files already in caches and CDNs stay there until they expire. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }
}
