using System.Text;
using System.Text.RegularExpressions;

namespace KhoaGiao.Api.Text;

/// <summary>
/// Makes URL slugs from Vietnamese titles: lowercase ASCII letters and digits joined by single hyphens
/// (<c>Tọa đàm “Nâng cao chất lượng”</c> → <c>toa-dam-nang-cao-chat-luong</c>).
/// </summary>
public static partial class SlugGenerator
{
    /// <summary>Longest slug produced from a title; longer ones are cut at a word boundary.</summary>
    public const int MaxLength = 120;

    /// <summary>Builds the slug for a title; empty when the title has no letters or digits.</summary>
    public static string FromTitle(string title)
    {
        var folded = VietnameseText.Fold(title);
        var builder = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(c);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return Truncate(builder.ToString());
    }

    /// <summary>Appends the clash suffix: <c>slug</c>, <c>slug-2</c>, <c>slug-3</c>…, keeping within <see cref="MaxLength"/>.</summary>
    public static string WithSuffix(string slug, int number)
    {
        if (number <= 1)
        {
            return slug;
        }

        var suffix = "-" + number;
        return Truncate(slug, MaxLength - suffix.Length) + suffix;
    }

    /// <summary>True when the text is already a well-formed slug.</summary>
    public static bool IsValid(string slug) => slug.Length <= MaxLength && SlugPattern().IsMatch(slug);

    private static string Truncate(string slug, int maxLength = MaxLength)
    {
        if (slug.Length <= maxLength)
        {
            return slug;
        }

        var cut = slug[..maxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > maxLength / 2 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }

    [GeneratedRegex(@"\A[a-z0-9]+(?:-[a-z0-9]+)*\z")]
    private static partial Regex SlugPattern();
}
