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
            .WithDescription("Newest first, without bodies. Filter by category or tag slug and publish time; page with `limit` and the opaque `cursor` from `nextCursor`.")
            .ProducesValidationProblem();
        delivery.MapGet("/{idOrSlug}", GetArticle.HandleAsync).WithName(nameof(GetArticle))
            .WithSummary("Get a published article")
            .WithDescription("By id or slug. A former slug answers 301 with the canonical URL in `Location`. Drafts and scheduled articles are 404.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapManagementGroup("/api/v1/admin/articles", "Articles (management)");

        admin.MapGet("/", AdminListArticles.HandleAsync).WithName(nameof(AdminListArticles))
            .WithSummary("List articles in any status")
            .WithDescription("Newest created first; filter by `status`. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesValidationProblem();
        admin.MapGet("/{id:guid}", AdminGetArticle.HandleAsync).WithName(nameof(AdminGetArticle))
            .WithSummary("Get an article in any status")
            .WithDescription("Returns the `ETag` to send as `If-Match` with later changes. Needs `content:read`.")
            .RequireAuthorization(Scopes.ContentRead)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/", CreateArticle.HandleAsync).WithName(nameof(CreateArticle))
            .WithSummary("Create a draft article")
            .WithDescription("The body is sanitised; the slug comes from the title unless given (a given slug already in use is 409). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPut("/{id:guid}", UpdateArticle.HandleAsync).WithName(nameof(UpdateArticle))
            .WithSummary("Replace an article's content")
            .WithDescription("A changed slug keeps the old one as a redirect. Send `If-Match` with the ETag to avoid overwriting another editor's change (412 when stale). Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapDelete("/{id:guid}", DeleteArticle.HandleAsync).WithName(nameof(DeleteArticle))
            .WithSummary("Delete an article")
            .WithDescription("Removes the article and its former slugs. Needs `content:write`.")
            .RequireAuthorization(Scopes.ContentWrite)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapPost("/{id:guid}/publish", PublishArticle.HandleAsync).WithName(nameof(PublishArticle))
            .WithSummary("Publish an article")
            .WithDescription("Makes the article public now, or at `publishedAt` when that is in the future. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        admin.MapPost("/{id:guid}/unpublish", UnpublishArticle.HandleAsync).WithName(nameof(UnpublishArticle))
            .WithSummary("Unpublish an article")
            .WithDescription("Takes the article out of the delivery API, back to draft. Needs `content:publish`.")
            .RequireAuthorization(Scopes.ContentPublish)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }
}
