using KhoaGiao.Api.Data;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Sync;

public static class SyncEndpoints
{
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        const string description =
            "Every item that changed since `since`, oldest change first, one entry per item (its latest change). An `upsert` carries the item's whole representation; a `delete` says to drop it. Omit `since` to get a full snapshot; then pass each page's `nextCursor` as `since`, and keep polling with the last one. `types` narrows to `article`, `event`, `person`. A `since` from before the oldest purged tombstone (older than `Sync:TombstoneRetentionDays`) is 410: resync from the start.";

        // A client resumes from its cursor right after its own writes: the feed reads the primary, never a replica behind it.
        var delivery = app.MapDeliveryGroup("/api/v1/changes", "Changes").WithMetadata(ReadReplica.PrimaryOnlyMetadata.Instance);
        delivery.MapGet("/", ListChanges.HandleAsync).WithName(nameof(ListChanges))
            .WithSummary("Follow what readers can see")
            .WithDescription(description + " This feed has what anonymous readers see: an item appears when it becomes public, changes while public, and is deleted when it stops being public.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status410Gone);

        var admin = app.MapManagementGroup("/api/v1/admin/changes", "Changes (management)");
        admin.MapGet("/", AdminListChanges.HandleAsync).WithName(nameof(AdminListChanges))
            .WithSummary("Follow every change")
            .WithDescription(description + " This feed has every status, with the management representations; only deleted or merged items are deleted. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status410Gone);
        return app;
    }
}
