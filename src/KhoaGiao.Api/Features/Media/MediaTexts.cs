using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Features.Media;

/// <summary>The texts of a photo, as an editor sends them; <see cref="ApplyTo"/> stores them trimmed, in NFC, blanks as null.</summary>
public sealed record MediaTexts(string? Alt, string? Caption, string? Credit, DateTimeOffset? TakenAt)
{
    public void ApplyTo(MediaItem item, DateTimeOffset? takenAtFallback)
    {
        item.Alt = Clean(Alt);
        item.Caption = Clean(Caption);
        item.Credit = Clean(Credit);
        item.TakenAt = (TakenAt ?? takenAtFallback)?.ToUniversalTime();
        item.RefreshSearchText();
    }

    internal static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Nfc(text.Trim());
}
