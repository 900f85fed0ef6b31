using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Imports;

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup("/api/v1/admin/imports", "Imports (management)");
        admin.RequireAuthorization(Scopes.ContentWrite);
        admin.MapGet("/", ListImportRuns.HandleAsync).WithName(nameof(ListImportRuns))
            .WithSummary("List import runs")
            .WithDescription("Runs of the `import` command and of the scheduled imports (`Imports:Sources`), newest first, with their status and counts; filter by source and status. A run saves its counts every two seconds while it runs. Needs `content:write`.")
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", GetImportRun.HandleAsync).WithName(nameof(GetImportRun))
            .WithSummary("Get an import run")
            .WithDescription("A run with the items it could not import (the first 100) and each one's reason. Needs `content:write`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
