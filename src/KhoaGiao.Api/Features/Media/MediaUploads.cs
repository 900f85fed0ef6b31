using System.Security.Cryptography;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Media;

/// <summary>
/// Adds photos to the library, for the upload route and the demo content alike. The uploaded file is stored first and
/// the row (with its change record) written after: a failure of the store leaves nothing behind, and a failure of the
/// database takes the stored file away again. The served files are then made in the background.
/// </summary>
public sealed class MediaUploads(
    KhoaGiaoDbContext db, ChangeLog changes, AuditLog audit, MediaImaging imaging, MediaFiles files, MediaRenditionQueue renditions,
    IOptions<MediaOptions> options, TimeProvider clock)
{
    /// <summary>The item added, or the problem that refused the file (its type, its pixels, damage).</summary>
    public async Task<(MediaItem? Item, ProblemHttpResult? Problem)> AddAsync(
        byte[] bytes, string? fileName, MediaTexts texts, CancellationToken cancellationToken)
    {
        switch (imaging.TryRead(bytes, out var info))
        {
            case ImageRefusal.UnsupportedType:
                return (null, MediaProblems.UnsupportedType());
            case ImageRefusal.TooManyPixels:
                return (null, MediaProblems.TooManyPixels(options.Value.MaxPixels));
            case ImageRefusal.Unreadable:
                return (null, MediaProblems.Unreadable());
        }

        var now = clock.GetUtcNow();
        var item = new MediaItem
        {
            Format = info!.Format,
            Width = info.Width,
            Height = info.Height,
            Bytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            FileName = DisplayName(fileName),
            CreatedAt = now,
            UpdatedAt = now,
        };
        texts.ApplyTo(item, info.TakenAt);

        await files.StoreSourceAsync(item.Id, bytes, item.Format, cancellationToken);
        try
        {
            db.MediaItems.Add(item);
            audit.Add("media.uploaded", "media", item.Id, $"file={item.FileName}; bytes={item.Bytes}");
            await changes.SaveAsync([ChangedItem.Media(item.Id)], cancellationToken);
        }
        catch
        {
            await files.ForgetAllAsync(item, "an upload whose row was not saved");
            throw;
        }

        renditions.Enqueue(item);
        return (item, null);
    }

    /// <summary>The uploaded file's own name, for editors to recognise: no folders, no control characters, NFC, at most 255 characters.</summary>
    private static string? DisplayName(string? fileName)
    {
        var name = MediaTexts.Clean(Path.GetFileName(fileName?.Replace('\\', '/')));
        if (name is null)
        {
            return null;
        }

        name = new string([.. name.Where(c => !char.IsControl(c))]);
        return name.Length <= MediaItemConfiguration.FileNameMaxLength ? name : name[..MediaItemConfiguration.FileNameMaxLength];
    }
}
