using System.Text.Json.Serialization;

namespace KhoaGiao.Api.Features.Media;

/// <summary>One file of a photo, for <c>srcset</c> or a <c>picture</c> element's <c>source</c>.</summary>
public sealed record MediaSourceResponse
{
    /// <example>https://media.khoagiao.hanam.gov.vn/media/0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90/640.webp</example>
    public required string Url { get; init; }

    /// <example>image/webp</example>
    [OpenApi.ValuesFrom(typeof(MediaRenditions), nameof(MediaRenditions.ContentTypes))]
    public required string Type { get; init; }

    /// <example>640</example>
    public int Width { get; init; }

    /// <example>427</example>
    public int Height { get; init; }
}

/// <summary>
/// A photo as readers get it: its original, every rendition (<see cref="Sources"/>, narrowest first, WebP before JPEG at
/// each width), and its texts. Every file is served with <c>Cache-Control: public, max-age=31536000, immutable</c>.
/// </summary>
public record MediaResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90</example>
    public Guid Id { get; init; }

    /// <summary>The original, upright and without metadata (EXIF, GPS), in the uploaded format.</summary>
    /// <example>https://media.khoagiao.hanam.gov.vn/media/0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d90/original.jpg</example>
    public string Url => UrlOf(MediaFile.Original(Format));

    /// <summary>The original's type.</summary>
    /// <example>image/jpeg</example>
    public string ContentType => Format.ContentType();

    /// <summary>Width as shown, in pixels.</summary>
    /// <example>1600</example>
    public int Width { get; init; }

    /// <example>1067</example>
    public int Height { get; init; }

    /// <summary>Text alternative for screen readers.</summary>
    /// <example>Các đại biểu dự tọa đàm</example>
    public string? Alt { get; init; }

    /// <summary>The caption printed under the photo.</summary>
    /// <example>Các đại biểu dự tọa đàm.</example>
    public string? Caption { get; init; }

    /// <summary>Photographer or source.</summary>
    /// <example>Báo Hà Nam</example>
    public string? Credit { get; init; }

    /// <example>2023-08-16T14:30:00+07:00</example>
    public DateTimeOffset? TakenAt { get; init; }

    /// <summary>Every rendition: the standard widths 320, 640, 1024 and 1600 up to the photo's own width (never enlarged), each as WebP and JPEG.</summary>
    [OpenApi.MostItems(MediaRenditions.MaxSources)]
    public IReadOnlyList<MediaSourceResponse> Sources =>
    [
        .. MediaRenditions.WidthsFor(Width).SelectMany(width => MediaRenditions.Formats.Select(format => new MediaSourceResponse
        {
            Url = UrlOf(MediaFile.Rendition(width, format)),
            Type = format.ContentType(),
            Width = width,
            Height = MediaRenditions.HeightAt(Width, Height, width),
        })),
    ];

    /// <summary>The original's format, from which <see cref="Url"/> and <see cref="ContentType"/> follow.</summary>
    [JsonIgnore]
    public MediaFormat Format { get; init; }

    /// <summary>Where <c>/media/…</c> is served (<c>Site:MediaBaseUrl</c>), set by the projection.</summary>
    [JsonIgnore]
    public string MediaBase { get; init; } = "";

    private string UrlOf(MediaFile file) => $"{MediaBase}/media/{Id}/{file.Name}";
}

/// <summary>A photo as editors see it: what readers get, plus the upload's details. Its <c>ETag</c> header carries <see cref="Version"/>.</summary>
public sealed record AdminMediaResponse : MediaResponse
{
    /// <summary>Size of the file as uploaded, in bytes.</summary>
    /// <example>2483112</example>
    public long Bytes { get; init; }

    /// <summary>The uploaded file's name, for editors to recognise it.</summary>
    /// <example>IMG_2041.jpg</example>
    public string? FileName { get; init; }

    /// <example>2023-08-16T10:05:00+00:00</example>
    public DateTimeOffset CreatedAt { get; init; }

    /// <example>2023-08-16T10:07:00+00:00</example>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <example>1234</example>
    public uint Version { get; init; }
}
