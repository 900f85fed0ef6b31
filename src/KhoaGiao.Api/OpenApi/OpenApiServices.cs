using KhoaGiao.Api.Security;
using Microsoft.OpenApi;

namespace KhoaGiao.Api.OpenApi;

public static class OpenApiServices
{
    public const string DocumentName = "v1";

    public static WebApplicationBuilder AddKhoaGiaoOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "KhoaGiao.Api",
                Version = DocumentName,
                Description = """
                    News of the Propaganda and Education Department (Ban Tuyên giáo Tỉnh ủy) as JSON.
                    The delivery API (`/api/v1/...`) is anonymous and serves published content only; the management
                    API (`/api/v1/admin/...`) needs a staff sign-in (`Authorization: Bearer <token>` from
                    `/api/v1/auth/login`) or an API key (`Authorization: ApiKey <key>`) with the scope each operation
                    names; roles grant scopes (author: content:read, content:write; editor: also content:publish;
                    admin: everything).
                    Errors are RFC 9457 problem details; validation messages are Vietnamese unless
                    `Accept-Language: en` is sent. Management POSTs accept an `Idempotency-Key` header, so a retry
                    cannot do the work twice. Every 429 carries `Retry-After` (seconds).
                    """,
            });
            swagger.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "KhoaGiao.Api.xml"), includeControllerXmlComments: false);
            swagger.SupportNonNullableReferenceTypes();

            // HEAD is answered wherever GET is (docs/api.md); listing it would repeat every GET operation.
            swagger.DocInclusionPredicate((_, api) => !HttpMethods.IsHead(api.HttpMethod ?? ""));
            swagger.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "Type the word `ApiKey`, a space, then the key: `ApiKey dev-admin-key-khoagiao` is the bootstrap admin key of a Development instance. Keys are created through `/api/v1/admin/api-keys`.",
            });
            swagger.AddSecurityDefinition(AuthorizationOperationFilter.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access token from `POST /api/v1/auth/login` (staff accounts).",
            });
            swagger.OperationFilter<AuthorizationOperationFilter>();
            swagger.OperationFilter<TimestampQueryParametersFilter>();
            swagger.OperationFilter<CamelCaseQueryParametersFilter>();
            swagger.OperationFilter<IdempotencyKeyOperationFilter>();
            swagger.OperationFilter<RetryAfterOperationFilter>();
            swagger.OperationFilter<RequestBodyProblemsOperationFilter>();
            swagger.OperationFilter<IfMatchOperationFilter>();
            swagger.OperationFilter<ConditionalGetOperationFilter>();
            swagger.OperationFilter<FeedExamplesOperationFilter>();
            swagger.OperationFilter<ResponseHeadersOperationFilter>();
            swagger.SchemaFilter<ProblemExamplesSchemaFilter>();
            swagger.SchemaFilter<NullableReferencePropertiesSchemaFilter>();
            swagger.SchemaFilter<ResponsePropertiesRequiredSchemaFilter>();
            swagger.SchemaFilter<DeclaredValuesSchemaFilter>();
            swagger.SchemaFilter<ValidationLimitsSchemaFilter>();
            swagger.SchemaFilter<StoredLimitsSchemaFilter>();
            swagger.SchemaFilter<FrameworkSchemasFilter>();
        });
        return builder;
    }

    public static WebApplication UseKhoaGiaoOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "KhoaGiao.Api v1");
            ui.DocumentTitle = "KhoaGiao.Api";
        });
        return app;
    }
}
