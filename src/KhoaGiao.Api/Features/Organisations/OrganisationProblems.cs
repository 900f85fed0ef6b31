using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.Organisations;

/// <summary>The problem responses organisation handlers share.</summary>
public static class OrganisationProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có cơ quan, tổ chức có mã {id}.", $"There is no organisation with id {id}.");

    public static ProblemHttpResult UnknownParent(Guid id) =>
        ProblemResults.Validation("parentId", $"Không có cơ quan, tổ chức có mã {id}.", $"There is no organisation with id {id}.");

    public static ProblemHttpResult ParentCycle() =>
        ProblemResults.Validation("parentId",
            "Cơ quan cấp trên không được là chính nó hoặc một đơn vị trực thuộc nó.",
            "The parent cannot be the organisation itself or one of its own descendants.");

    public static ProblemHttpResult NameTaken(string name, Guid existingId) =>
        ProblemResults.UniqueConflict("name", existingId,
            $"Trường 'name': đã có cơ quan, tổ chức {existingId} tên '{name}'.",
            $"Field 'name': organisation {existingId} is already named '{name}'.");
}
