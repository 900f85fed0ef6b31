using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.People;

/// <summary>The problem responses person handlers share.</summary>
public static class PersonProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có người có mã {id}.", $"There is no person with id {id}.");

    public static ProblemHttpResult UnknownOrganisation(int index, Guid id) =>
        ProblemResults.Validation($"positions[{index}].organisationId",
            $"Không có cơ quan, tổ chức có mã {id}.", $"There is no organisation with id {id}.");
}
