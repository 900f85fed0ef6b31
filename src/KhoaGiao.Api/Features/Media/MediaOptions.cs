using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Media;

/// <summary>Settings of the <c>Media</c> section: upload limits, renditions, and where the files are stored.</summary>
public sealed class MediaOptions : IValidatableObject
{
    /// <summary>The largest file accepted, in bytes (20 MB).</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The most pixels (width × height, as the file's header declares them) an image may have; refused before decoding.</summary>
    [Range(1, 500_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>Where files are kept: <c>Local</c> (a folder, <see cref="LocalPath"/>) or <c>S3</c> (an S3-compatible store, <see cref="S3"/>).</summary>
    public MediaStorageKind Storage { get; set; } = MediaStorageKind.Local;

    /// <summary>
    /// The folder of the local store, relative to the working directory unless absolute; outside the web root. Several
    /// instances need a folder they all mount, or <c>S3</c>.
    /// </summary>
    [Required]
    public string LocalPath { get; set; } = "data/media";

    /// <summary>The S3-compatible store, when <see cref="Storage"/> is <c>S3</c>.</summary>
    public MediaS3Options S3 { get; set; } = new();

    /// <summary>How many images one instance decodes at once (uploads' checks excluded); 0: one per processor.</summary>
    [Range(0, 64)]
    public int MaxConcurrentRenders { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Storage == MediaStorageKind.S3)
        {
            foreach (var result in S3.Validate())
            {
                yield return result;
            }
        }
    }
}

/// <summary>The kinds of media store.</summary>
public enum MediaStorageKind
{
    Local,
    S3,
}
