using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.ResponseCompression;

namespace KhoaGiao.Api.Http;

public static class HttpServices
{
    public const string DeliveryCorsPolicy = "delivery";
    public const string ManagementCorsPolicy = "management";
    public const string DeliveryCachePolicy = "delivery";
    public const string ManagementRateLimitPolicy = "management";

    /// <summary>Output-cache tag of everything derived from content; every write evicts it.</summary>
    public const string ContentCacheTag = "content";

    public static WebApplicationBuilder AddKhoaGiaoHttp(this WebApplicationBuilder builder)
    {
        builder.AddSettings<HttpOptions>();
        var options = builder.Settings<HttpOptions>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });

        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // Behind a reverse proxy or load balancer the client's address is in X-Forwarded-For; only the
            // proxies named here are believed (loopback always is), or anyone could pick their own address. A range
            // names proxies whose addresses change, such as an ingress controller's pods in a cluster's pod network.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.TrustedProxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>().AddSingleton<OutboundGuard>();
        builder.Services.ConfigureHttpJsonOptions(json => Configure(json.SerializerOptions));
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(json => Configure(json.JsonSerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(route => route.ThrowOnBadRequest = true);

        builder.Services.AddProblemDetails(problem => problem.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= Text.Echo.Path(context.HttpContext.Request.Path.ToString());
            // The request's W3C trace context (00-<trace id>-<span id>-<flags>), as in the logs and any exported trace.
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            FrameworkProblems.Localize(context);
        });
        builder.Services.AddExceptionHandler<ExceptionHandler>();

        builder.Services.AddRequestLocalization(localization =>
        {
            CultureInfo[] cultures = [new("vi"), new("en")];
            localization.DefaultRequestCulture = new RequestCulture("vi");
            localization.SupportedCultures = cultures;
            localization.SupportedUICultures = cultures;
            localization.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });

        builder.Services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });

        builder.Services.AddCors(cors =>
        {
            // Browsers may keep a preflight's answer for a day (most cap it lower) instead of asking before every request.
            var preflightMaxAge = TimeSpan.FromDays(1);
            cors.AddPolicy(DeliveryCorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD", "POST").AllowAnyHeader()
                .SetPreflightMaxAge(preflightMaxAge));
            cors.AddPolicy(ManagementCorsPolicy, policy => policy
                .WithOrigins(options.ManagementCorsOrigins)
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders(["ETag", "Location", "Retry-After", IdempotencyMiddleware.ReplayedHeader, .. RateLimitWindows.Headers])
                .SetPreflightMaxAge(preflightMaxAge));
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RetryAfter.OnRejectedAsync;

            // Runs after authentication: a caller is its account or key, and everyone else is their address, so a
            // made-up credential on every request does not buy a fresh allowance. An API key may carry its own limit;
            // it is part of the partition key, so a key whose limit changes gets a window counted at the new limit.
            limiter.AddPolicy(ManagementRateLimitPolicy, context =>
            {
                var limit = OwnRequestsPerMinute(context.User) ?? options.ManagementRequestsPerMinute;
                return context.RequestServices.GetRequiredService<RateLimitWindows>().Partition(
                    context,
                    CallerIdentity.Of(context.User) is { } caller
                        ? $"management:id:{caller}:{limit}"
                        : "management:ip:" + context.Connection.RemoteIpAddress,
                    limit);
            });
        });

        builder.Services.AddSingleton<RateLimitWindows>();
        builder.Services.AddSingleton<ContentChanges>();
        builder.Services.AddOutputCache(cache => cache.AddPolicy(DeliveryCachePolicy, policy =>
        {
            // 0 turns the cache off: the output cache refuses a zero lifetime on every request.
            if (options.DeliveryCacheSeconds == 0)
            {
                policy.NoCache();
                return;
            }

            policy.With(context => !context.HttpContext.Request.Query.ContainsKey("preview"))
                .AddPolicy<ContentVersionCachePolicy>()
                .Expire(TimeSpan.FromSeconds(options.DeliveryCacheSeconds))
                .SetVaryByHeader("Accept-Language")
                .Tag(ContentCacheTag);
        }));
        return builder;
    }

    /// <summary>After the rate limiter: a request it let through tells its caller where they stand (<see cref="RateLimitWindows"/>).</summary>
    public static WebApplication UseRateLimitHeaders(this WebApplication app)
    {
        var windows = app.Services.GetRequiredService<RateLimitWindows>();
        app.Use((context, next) =>
        {
            if (RateLimitWindows.Counted(context))
            {
                context.Response.OnStarting(static state =>
                {
                    var (windows, context) = ((RateLimitWindows, HttpContext))state;
                    windows.WriteHeaders(context);
                    return Task.CompletedTask;
                }, (windows, context));
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication UseKhoaGiaoHttp(this WebApplication app)
    {
        app.UseForwardedHeaders();

        // Early, so problems written on the way out by the handlers below are worded in the request's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(static (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<NulRejectionMiddleware>();
        app.UseHeadRequests();
        app.UseMiddleware<ClientCachingMiddleware>();
        app.UseResponseCompression();
        app.UseCors();
        app.UseOutputCache();
        app.UseMiddleware<DeliveryETagMiddleware>();
        return app;
    }

    private static int? OwnRequestsPerMinute(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.RequestsPerMinuteClaimType)?.Value,
            NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? limit
            : null;

    private static void Configure(System.Text.Json.JsonSerializerOptions json)
    {
        // Vietnamese letters as UTF-8 rather than \u escapes; HTML-sensitive characters are still escaped.
        json.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        // The first converter that can convert a type is used, so enums are read by SingleNameEnumConverter; the plain
        // one stays listed because Swashbuckle looks for it to describe enums as strings.
        json.Converters.Add(new SingleNameEnumConverter());
        json.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.Converters.Add(new NfcStringJsonConverter());
        json.Converters.Add(new ExplicitOffsetJsonConverter());
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
