namespace KhoaGiao.Api.Features.Media;

/// <summary>What an image's header says, before any pixel is decoded.</summary>
/// <param name="Format">The type, from the bytes.</param>
/// <param name="Width">Width as shown: after the EXIF orientation is applied.</param>
/// <param name="Height">Height as shown.</param>
/// <param name="TakenAt">When the photo was taken, from EXIF DateTimeOriginal (Asia/Ho_Chi_Minh when the file gives no offset).</param>
public sealed record ImageInfo(MediaFormat Format, int Width, int Height, DateTimeOffset? TakenAt);
