using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace KhoaGiao.Api.Features.Accounts;

/// <summary>The problem responses account handlers share.</summary>
public static class UserProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có tài khoản có mã {id}.", $"There is no account with id {id}.");

    /// <summary>Identity's own refusals (weak password, e-mail taken) as a 400 with <c>errors</c> under the field.</summary>
    public static ProblemHttpResult Refused(string field, IdentityResult result) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Text.Localized.Text("Dữ liệu không hợp lệ", "One or more validation errors occurred."),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });
}
