using System.Globalization;
using System.Text;

namespace KhoaGiao.Api.Text;

/// <summary>
/// Vietnamese text rules: NFC storage, and folding to plain ASCII for slugs and source keys (marks removed,
/// <c>đ</c> → <c>d</c>) so that <c>toa dam</c>, <c>Tọa đàm</c> and <c>Toạ đàm</c> compare equal. Search folds with
/// <see cref="Features.Search.SearchFolding"/>, which also takes y as i.
/// </summary>
public static class VietnameseText
{
    /// <summary>Returns the text in Unicode Normalization Form C, as it is stored.</summary>
    public static string Nfc(string text) =>
        text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>Lower-cases the text and strips diacritics: <c>Đinh Thị Lụa</c> → <c>dinh thi lua</c>.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
