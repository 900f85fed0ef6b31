using KhoaGiao.Api;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Health;
using KhoaGiao.Api.Features.Imports;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.OpenApi;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Telemetry;

if (args is ["import", .. var importArgs])
{
    return await ImportCommand.RunAsync(importArgs);
}

if (args is ["migrate", .. var migrateArgs])
{
    return await MigrateCommand.RunAsync(migrateArgs);
}

if (args is ["health", .. var healthArgs])
{
    return await HealthCommand.RunAsync(healthArgs);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddKhoaGiaoCore();
builder.AddKhoaGiaoOpenApi();
builder.AddKhoaGiaoTelemetry();

var app = builder.Build();
app.UseKhoaGiaoHttp();
app.UseKhoaGiaoAuthentication();
app.UseRateLimiter();
app.UseRateLimitHeaders();
app.UseAuthorization();
app.UseMiddleware<IdempotencyMiddleware>();
app.UseKhoaGiaoOpenApi();
app.MapKhoaGiaoEndpoints();

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
