using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Features.ApiKeys;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Features.Health;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Taxonomy;

namespace KhoaGiao.Api;

public static class Endpoints
{
    public static IEndpointRouteBuilder MapKhoaGiaoEndpoints(this IEndpointRouteBuilder app) => app
        .MapHealthEndpoints()
        .MapArticleEndpoints()
        .MapCountersEndpoints()
        .MapTaxonomyEndpoints()
        .MapEventEndpoints()
        .MapPeopleEndpoints()
        .MapOrganisationEndpoints()
        .MapSyncEndpoints()
        .MapApiKeyEndpoints()
        .MapAccountEndpoints()
        .MapAuditEndpoints();
}
