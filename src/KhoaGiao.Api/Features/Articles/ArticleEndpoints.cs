using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;

namespace KhoaGiao.Api.Features.Articles;

public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticleEndpoints(this IEndpointRouteBuilder app)
    {
        var delivery = app.MapDeliveryGroup("/api/v1/articles", "Articles");

        delivery.MapGet("/", ListArticles.HandleAsync).WithName(nameof(ListArticles))
            .WithSummary("List published articles")
            .WithDescription("Newest first, without bodies. Search title, summary and body with `q` (every word whole, the last also as a start; case, marks, tone placement, đ/d and i/y do not matter), ranked best first as `GET /api/v1/search` ranks (or `sort=newest`); filter by category or tag slug, event and publish time; page with `limit` and the opaque `cursor` from `nextCursor`.")
            .ProducesValidationProblem();
        delivery.MapGet("/{idOrSlug}", GetArticle.HandleAsync).WithName(nameof(GetArticle))
            .WithSummary("Get a published article")
            .WithDescription("By id or slug. A former slug answers 301 with the canonical URL in `Location`. Drafts and scheduled articles are 404, except with a valid `preview` token for that article (then `Cache-Control: no-store`).")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapManagementGroup("/api/v1/admin/articles", "Articles (management)");

        admin.MapGet("/", AdminListArticles.HandleAsync).WithName(nameof(AdminListArticles))
            .WithSummary("List articles in any status")
            .WithDescription("Newest created first; filter by `status`, and by `source` (its name; case, diacritics and spaces do not matter) and `externalId`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", AdminGetArticle.HandleAsync).WithName(nameof(AdminGetArticle))
            .WithSummary("Get an article in any status")
            .WithDescription("Returns the `ETag` to send as `If-Match` with later changes. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/by-source/{source}/{externalId}", AdminGetArticleBySource.HandleAsync).WithName(nameof(AdminGetArticleBySource))
            .WithSummary("Get an article by its source and external id")
            .WithDescription("The article that came from `source` (matched regardless of case, diacritics and spaces: `bao ha nam` is `Báo Hà Nam`) with `externalId`, any status, with its `ETag`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreateArticle.HandleAsync).WithName(nameof(CreateArticle))
            .WithSummary("Create a draft article")
            .WithDescription("The body is sanitised; the slug comes from the title unless given (a given slug already in use is 409). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/{id:guid}", UpdateArticle.HandleAsync).WithName(nameof(UpdateArticle))
            .WithSummary("Replace an article's content")
            .WithDescription("A changed slug keeps the old one as a redirect. Requires `If-Match` with the ETag last read (428 without, 412 when stale). Authors may edit only their own drafts. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .WithWorkflowProblems();
        admin.MapPut("/by-source/{source}/{externalId}", UpsertArticleBySource.HandleAsync).WithName(nameof(UpsertArticleBySource))
            .WithSummary("Create or update an article by its source and external id")
            .WithDescription("For integrators syncing from a source such as Báo Hà Nam: creates the article that came from `source` (matched regardless of case, diacritics and spaces) with `externalId` (201, `Location`, `ETag`), or replaces its content (200, `ETag`). A body that changes nothing writes nothing (200, same `ETag`, no revision). `source.name`/`source.externalId` in the body may be omitted; when sent they must name the path's. `publishedAt` publishes (or schedules) in the same call and needs `content:publish`. `If-Match` is optional and honoured when sent (412 when stale). Authors may update only their own drafts. A slug or source id another article holds is 409 naming the field and that article (`field`, `existingId`). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .WithWorkflowProblems();
        admin.MapPost("/batch", UpsertArticlesBatch.HandleAsync).WithName(nameof(UpsertArticlesBatch))
            .WithSummary("Create or update up to 100 articles by source")
            .WithDescription("Each item (`source`, `externalId`, `article`, optional `publishedAt` and `version`, the latter as `If-Match`) is applied as `PUT /by-source/{source}/{externalId}` would, in its own transaction: a failed item changes nothing and does not stop the others. The answer lists, per item in request order, its `index`, the `status` the single call would have answered, and the article's `id` and `version` or the RFC 9457 `problem` (validation `errors` keyed as in the single call). A malformed batch (no items, more than 100, an item without `source` or `externalId`) is a 400 and writes nothing. Needs `content:write` (and `content:publish` for items with `publishedAt`).")
            .RequireAuthorization(Scopes.ContentWrite)
            .WithMetadata(RequestSizeLimitMiddleware.BatchBodyMetadata)
            .ProducesValidationProblem();
        admin.MapDelete("/{id:guid}", DeleteArticle.HandleAsync).WithName(nameof(DeleteArticle))
            .WithSummary("Delete an article")
            .WithDescription("Removes the article, its former slugs and revisions. Requires `If-Match`. Authors may delete only their own drafts. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/submit", SubmitArticle.HandleAsync).WithName(nameof(SubmitArticle))
            .WithSummary("Submit a draft for review")
            .WithDescription("draft → inReview. Authors may submit only their own drafts. Requires `If-Match`. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/publish", PublishArticle.HandleAsync).WithName(nameof(PublishArticle))
            .WithSummary("Publish or schedule an article")
            .WithDescription("draft, inReview or scheduled → published now, or → scheduled when `publishedAt` is in the future (the scheduler publishes it then). Requires `If-Match`. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/reject", RejectArticle.HandleAsync).WithName(nameof(RejectArticle))
            .WithSummary("Send a submitted article back")
            .WithDescription("inReview → draft, with a required `reason`. Requires `If-Match`. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesValidationProblem()
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/unpublish", UnpublishArticle.HandleAsync).WithName(nameof(UnpublishArticle))
            .WithSummary("Unpublish an article")
            .WithDescription("published, scheduled or archived → draft, with an optional `reason`. Requires `If-Match`. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesValidationProblem()
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/archive", ArchiveArticle.HandleAsync).WithName(nameof(ArchiveArticle))
            .WithSummary("Archive a published article")
            .WithDescription("published → archived: out of the delivery API, kept. Requires `If-Match`. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .WithWorkflowProblems();

        admin.MapGet("/{id:guid}/revisions", ListArticleRevisions.HandleAsync).WithName(nameof(ListArticleRevisions))
            .WithSummary("List an article's revisions")
            .WithDescription("Newest first, 100 to a page by default: who, when, which action and which fields changed. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/{id:guid}/revisions/{number:int}", GetArticleRevision.HandleAsync).WithName(nameof(GetArticleRevision))
            .WithSummary("Get one revision")
            .WithDescription("With the article's whole content after that change. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/revisions/{number:int}/restore", RestoreArticleRevision.HandleAsync).WithName(nameof(RestoreArticleRevision))
            .WithSummary("Restore a revision's content")
            .WithDescription("Puts back that revision's content (not its status) as a new revision. Requires `If-Match`. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .WithWorkflowProblems();
        admin.MapPost("/{id:guid}/preview-token", CreatePreviewToken.HandleAsync).WithName(nameof(CreatePreviewToken))
            .WithSummary("Make a preview link")
            .WithDescription("A short-lived signed token: `GET /api/v1/articles/{id}?preview=<token>` then shows this article in any status, uncached. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The outcomes every write to one article can have besides success.</summary>
    private static RouteHandlerBuilder WithWorkflowProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
