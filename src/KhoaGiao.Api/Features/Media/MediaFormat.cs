namespace KhoaGiao.Api.Features.Media;

/// <summary>The image types the library accepts, as identified from the bytes; WebP and JPEG are also the renditions' types.</summary>
public enum MediaFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
}
