namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// A photo in the media library ("ảnh"): the file as uploaded is kept in <see cref="IMediaStorage"/> and served only
/// as renditions and a cleaned original (<see cref="MediaRenditions"/>); captions and credits live here, in one place
/// for every article that shows the photo.
/// </summary>
public sealed class MediaItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The type, from the file's bytes.</summary>
    public MediaFormat Format { get; init; }

    /// <summary>Width as shown (after the EXIF orientation).</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Size of the file as uploaded.</summary>
    public long Bytes { get; init; }

    /// <summary>SHA-256 of the file as uploaded, lowercase hex: the root of every served file's ETag.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The uploaded file's name, shown to editors only; never used to name stored files.</summary>
    public string? FileName { get; set; }

    /// <summary>Text alternative for screen readers ("mô tả ảnh").</summary>
    public string? Alt { get; set; }

    /// <summary>The caption printed under the photo ("chú thích ảnh").</summary>
    public string? Caption { get; set; }

    /// <summary>Who took the photo or where it came from ("ảnh: …", "nguồn").</summary>
    public string? Credit { get; set; }

    public DateTimeOffset? TakenAt { get; set; }

    /// <summary>File name, alt, caption and credit folded for search (<see cref="Search.SearchFolding"/>).</summary>
    public string SearchText { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Concurrency token mapped to PostgreSQL's <c>xmin</c>; exposed as the ETag.</summary>
    public uint Version { get; set; }

    /// <summary>Recomputes <see cref="SearchText"/>; call after changing the texts.</summary>
    public void RefreshSearchText() =>
        SearchText = Search.SearchFolding.Fold(string.Join(' ', new[] { FileName, Alt, Caption, Credit }.OfType<string>()));
}
