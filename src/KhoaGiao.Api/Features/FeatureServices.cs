using FluentValidation;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Idempotency;
using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Features.Media;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Features.Search;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Webhooks;
using KhoaGiao.Api.Site;
using KhoaGiao.Api.Telemetry;

namespace KhoaGiao.Api.Features;

public static class FeatureServices
{
    public static WebApplicationBuilder AddKhoaGiaoFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddKhoaGiaoMetrics();
        builder.Services.AddScoped<Audit.AuditLog>();
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];

        builder.AddSettings<SiteOptions>();
        var links = new SiteLinks(builder.Settings<SiteOptions>());

        // AutoMapper 15+ is dual-licensed (RPL-1.5 or commercial); the key is read from AutoMapper:LicenseKey.
        builder.Services.AddAutoMapper(mapper =>
        {
            var licenseKey = builder.Configuration["AutoMapper:LicenseKey"];
            mapper.LicenseKey = string.IsNullOrWhiteSpace(licenseKey) ? null : licenseKey;
            mapper.AddProfile(new ArticleMappingProfile(links));
            mapper.AddProfile<EventMappingProfile>();
            mapper.AddProfile<PersonMappingProfile>();
            mapper.AddProfile<OrganisationMappingProfile>();
            mapper.AddProfile<Taxonomy.TaxonomyMappingProfile>();
            mapper.AddProfile<ApiKeys.ApiKeyMappingProfile>();
            mapper.AddProfile<Audit.AuditMappingProfile>();
            mapper.AddProfile<Webhooks.WebhookMappingProfile>();
            mapper.AddProfile<Imports.ImportMappingProfile>();
            mapper.AddProfile(new Media.MediaMappingProfile(links));
        });
        builder.AddArticles();
        builder.Services.AddEvents().AddPeople().AddOrganisations();
        builder.AddCounters();
        builder.AddSync();
        builder.AddSearch();
        builder.AddIdempotency();
        builder.AddWebhooks();
        builder.AddImports();
        builder.AddMedia();
        return builder;
    }
}
