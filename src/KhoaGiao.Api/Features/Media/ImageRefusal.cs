namespace KhoaGiao.Api.Features.Media;

/// <summary>Why an upload is not an image the library takes.</summary>
public enum ImageRefusal
{
    None,

    /// <summary>The bytes are not JPEG, PNG, WebP or GIF (SVG, HTML, PHP, TIFF, HEIC …).</summary>
    UnsupportedType,

    /// <summary>The header declares more pixels than <see cref="MediaOptions.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>The type is accepted but the file cannot be read (truncated, corrupt).</summary>
    Unreadable,
}
