using AutoMapper;
using FluentValidation;
using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>A photo to add to the library, sent as <c>multipart/form-data</c>.</summary>
public sealed record UploadMediaRequest
{
    /// <summary>The photo: JPEG, PNG, WebP or GIF (told from its bytes), up to 20 MB and 50 megapixels by default.</summary>
    [OpenApi.Longest(20 * 1024 * 1024)]
    public IFormFile? File { get; init; }

    /// <summary>Text alternative for screen readers, up to 500 characters.</summary>
    /// <example>Các đại biểu dự tọa đàm</example>
    public string? Alt { get; init; }

    /// <summary>Caption, up to 2000 characters.</summary>
    /// <example>Các đại biểu dự tọa đàm.</example>
    public string? Caption { get; init; }

    /// <summary>Photographer or source, up to 300 characters.</summary>
    /// <example>Báo Hà Nam</example>
    public string? Credit { get; init; }

    /// <summary>When the photo was taken; omitted, the time the camera wrote into the file, if any.</summary>
    /// <example>2023-08-16T14:30:00+07:00</example>
    public DateTimeOffset? TakenAt { get; init; }
}

public sealed class UploadMediaRequestValidator : AbstractValidator<UploadMediaRequest>
{
    public UploadMediaRequestValidator()
    {
        RuleFor(r => r.File).NotNull();
        RuleFor(r => r.Alt).MaximumLength(MediaItemConfiguration.AltMaxLength);
        RuleFor(r => r.Caption).MaximumLength(MediaItemConfiguration.CaptionMaxLength);
        RuleFor(r => r.Credit).MaximumLength(MediaItemConfiguration.CreditMaxLength);
    }
}

public static class UploadMedia
{
    public static async Task<Results<Created<AdminMediaResponse>, ProblemHttpResult>> HandleAsync(
        [FromForm] UploadMediaRequest request, MediaUploads uploads, IMapper mapper, IOptions<MediaOptions> options,
        HttpContext httpContext, CancellationToken cancellationToken)
    {
        var file = request.File!;
        if (file.Length > options.Value.MaxUploadBytes)
        {
            return MediaProblems.TooLarge(options.Value.MaxUploadBytes);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var (item, problem) = await uploads.AddAsync(bytes, file.FileName, new MediaTexts(request.Alt, request.Caption, request.Credit, request.TakenAt), cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ETags.Set(httpContext, item!.Version);
        return TypedResults.Created($"/api/v1/admin/media/{item.Id}", mapper.Map<AdminMediaResponse>(item));
    }
}
