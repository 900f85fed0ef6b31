using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Features.ApiKeys;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Feeds;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Features.Health;
using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Taxonomy;
using KhoaGiao.Api.Features.Webhooks;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api;

public static class Endpoints
{
    /// <summary>Every route, each answering <c>HEAD</c> where it answers <c>GET</c>.</summary>
    public static IEndpointRouteBuilder MapKhoaGiaoEndpoints(this IEndpointRouteBuilder app) => app.MapGroup("").AllowHeadWhereGet()
        .MapHealthEndpoints()
        .MapArticleEndpoints()
        .MapCountersEndpoints()
        .MapTaxonomyEndpoints()
        .MapEventEndpoints()
        .MapPeopleEndpoints()
        .MapOrganisationEndpoints()
        .MapSyncEndpoints()
        .MapSearchEndpoints()
        .MapFeedEndpoints()
        .MapApiKeyEndpoints()
        .MapWebhookEndpoints()
        .MapImportEndpoints()
        .MapMediaEndpoints()
        .MapAccountEndpoints()
        .MapAuditEndpoints();
}
