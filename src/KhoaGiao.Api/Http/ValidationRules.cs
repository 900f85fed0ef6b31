using FluentValidation;
using KhoaGiao.Api.Text;

namespace KhoaGiao.Api.Http;

/// <summary>Rules several requests share, with their Vietnamese and English messages written once.</summary>
public static class ValidationRules
{
    /// <summary>An opaque keyset cursor this API issued (null passes: the first page).</summary>
    /// <summary>Longest cursor any list gives or takes (a person list's holds a name).</summary>
    public const int CursorMaxLength = 1024;

    public static IRuleBuilderOptions<T, string?> MustBeCursor<T>(this IRuleBuilder<T, string?> rule, Func<string, bool>? decodes = null) =>
        rule.MaximumLength(CursorMaxLength).Must(cursor => cursor is null || (decodes ?? (c => Cursor.TryDecode(c, out _)))(cursor))
            .WithMessage(_ => Localized.Text("Con trỏ phân trang không hợp lệ.", "The cursor is not valid."));

    /// <summary>A slug as <see cref="SlugGenerator"/> makes them.</summary>
    public static IRuleBuilderOptions<T, string> MustBeSlug<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(SlugGenerator.IsValid)
            .WithMessage(_ => Localized.Text(
                "Slug chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (tối đa 120 ký tự).",
                "A slug is lowercase ASCII letters and digits joined by single hyphens (at most 120 characters)."));

    /// <summary>A title a slug can be made from: it has letters or digits.</summary>
    public static IRuleBuilderOptions<T, string> MustHaveLettersOrDigits<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(title => SlugGenerator.FromTitle(title).Length > 0)
            .WithMessage(_ => Localized.Text("Tiêu đề phải có chữ hoặc số.", "The title must contain letters or digits."));
}
