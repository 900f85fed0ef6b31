using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Audit;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapManagementGroup("/api/v1/admin/audit", "Audit log (management)");
        admin.RequireAuthorization(Scopes.Admin);
        admin.MapGet("/", ListAuditEntries.HandleAsync).WithName(nameof(ListAuditEntries))
            .WithSummary("Read the audit log")
            .WithDescription("Sign-ins (and failures), sign-outs, account and role changes, API keys created and revoked, publishing and deletions, newest first. Needs `admin`.")
            .ProducesValidationProblem();
        return app;
    }
}
