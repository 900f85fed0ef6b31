using KhoaGiao.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KhoaGiao.Api.Features.ApiKeys;

/// <summary>The problem responses API-key handlers share.</summary>
public static class ApiKeyProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemResults.NotFound($"Không có khóa API có mã {id}.", $"There is no API key with id {id}.");
}
