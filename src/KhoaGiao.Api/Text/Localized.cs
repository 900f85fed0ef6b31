using System.Globalization;

namespace KhoaGiao.Api.Text;

/// <summary>
/// Picks the Vietnamese or English wording of a message by the request culture (set by request localization
/// from <c>Accept-Language</c>; Vietnamese unless English is asked for).
/// </summary>
public static class Localized
{
    public static string Text(string vietnamese, string english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? english : vietnamese;
}
