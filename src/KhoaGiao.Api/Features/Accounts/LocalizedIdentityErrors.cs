using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>Identity's password and account errors in the request language (Vietnamese by default).</summary>
public sealed class LocalizedIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort),
        $"Mật khẩu phải có ít nhất {length} ký tự.", $"Passwords must be at least {length} characters.");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit),
        "Mật khẩu phải có ít nhất một chữ số.", "Passwords must have at least one digit.");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower),
        "Mật khẩu phải có ít nhất một chữ thường.", "Passwords must have at least one lowercase letter.");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper),
        "Mật khẩu phải có ít nhất một chữ hoa.", "Passwords must have at least one uppercase letter.");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric),
        "Mật khẩu phải có ít nhất một ký tự đặc biệt.", "Passwords must have at least one non-alphanumeric character.");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail),
        $"Email '{email}' đã được dùng.", $"The e-mail '{email}' is already taken.");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName),
        $"Tên đăng nhập '{userName}' đã được dùng.", $"The user name '{userName}' is already taken.");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName),
        $"Email '{userName}' không dùng làm tên đăng nhập được.", $"The e-mail '{userName}' cannot be used to sign in.");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail),
        $"Email '{email}' không hợp lệ.", $"The e-mail '{email}' is invalid.");

    private static IdentityError Error(string code, string vietnamese, string english) =>
        new() { Code = code, Description = Localized.Text(vietnamese, english) };
}
