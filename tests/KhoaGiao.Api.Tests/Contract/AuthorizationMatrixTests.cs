using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Who may call which management route. Every route the running app maps under <c>/api/v1/admin/</c> or behind an
/// authorization policy needs a row in <see cref="Required"/>, so a new route without a row, or without a policy,
/// fails here. Each caller then calls every route with made-up ids and an empty JSON body: anonymous callers must get
/// 401, callers without the scope 403, and the others must get past authorization (a 400 or 404 is fine).
/// </summary>
public sealed class AuthorizationMatrixTests : ApiTest
{
    /// <summary>A row for routes any authenticated caller may use, whatever its scopes.</summary>
    private const string AnyCaller = "any caller";

    /// <summary>The scope each route needs, as the <c>Map…Endpoints</c> methods declare it.</summary>
    private static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string>
    {
        ["GET /api/v1/admin/articles/"] = Scopes.ContentRead,
        ["GET /api/v1/admin/articles/{id:guid}"] = Scopes.ContentRead,
        ["GET /api/v1/admin/articles/by-source/{source}/{externalId}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/articles/"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/articles/by-source/{source}/{externalId}"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/articles/batch"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/articles/{id:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/articles/{id:guid}"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/articles/{id:guid}/submit"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/articles/{id:guid}/publish"] = Scopes.ContentPublish,
        ["POST /api/v1/admin/articles/{id:guid}/reject"] = Scopes.ContentPublish,
        ["POST /api/v1/admin/articles/{id:guid}/unpublish"] = Scopes.ContentPublish,
        ["POST /api/v1/admin/articles/{id:guid}/archive"] = Scopes.ContentPublish,
        ["GET /api/v1/admin/articles/{id:guid}/revisions"] = Scopes.ContentRead,
        ["GET /api/v1/admin/articles/{id:guid}/revisions/{number:int}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/articles/{id:guid}/revisions/{number:int}/restore"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/articles/{id:guid}/preview-token"] = Scopes.ContentRead,

        ["GET /api/v1/admin/events/"] = Scopes.ContentRead,
        ["GET /api/v1/admin/events/{id:guid}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/events/"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/events/{id:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/events/{id:guid}"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/events/{id:guid}/publish"] = Scopes.ContentPublish,
        ["POST /api/v1/admin/events/{id:guid}/unpublish"] = Scopes.ContentPublish,
        ["POST /api/v1/admin/events/{id:guid}/participations"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/events/{id:guid}/participations/{participationId:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/events/{id:guid}/participations/{participationId:guid}"] = Scopes.ContentWrite,

        ["GET /api/v1/admin/people/"] = Scopes.ContentRead,
        ["GET /api/v1/admin/people/{id:guid}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/people/"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/people/{id:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/people/{id:guid}"] = Scopes.ContentWrite,
        ["POST /api/v1/admin/people/{id:guid}/merge"] = Scopes.ContentWrite,

        ["GET /api/v1/admin/organisations/"] = Scopes.ContentRead,
        ["GET /api/v1/admin/organisations/{id:guid}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/organisations/"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/organisations/{id:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/organisations/{id:guid}"] = Scopes.ContentWrite,

        ["GET /api/v1/admin/media/"] = Scopes.ContentRead,
        ["GET /api/v1/admin/media/{id:guid}"] = Scopes.ContentRead,
        ["POST /api/v1/admin/media/"] = Scopes.ContentWrite,
        ["PUT /api/v1/admin/media/{id:guid}"] = Scopes.ContentWrite,
        ["DELETE /api/v1/admin/media/{id:guid}"] = Scopes.ContentWrite,

        ["GET /api/v1/admin/changes/"] = Scopes.ContentRead,

        ["GET /api/v1/admin/api-keys/"] = Scopes.Admin,
        ["GET /api/v1/admin/api-keys/{id:guid}"] = Scopes.Admin,
        ["POST /api/v1/admin/api-keys/"] = Scopes.Admin,
        ["DELETE /api/v1/admin/api-keys/{id:guid}"] = Scopes.Admin,

        ["GET /api/v1/admin/users/"] = Scopes.Admin,
        ["GET /api/v1/admin/users/{id:guid}"] = Scopes.Admin,
        ["POST /api/v1/admin/users/"] = Scopes.Admin,
        ["PUT /api/v1/admin/users/{id:guid}/roles"] = Scopes.Admin,
        ["POST /api/v1/admin/users/{id:guid}/disable"] = Scopes.Admin,
        ["POST /api/v1/admin/users/{id:guid}/enable"] = Scopes.Admin,
        ["POST /api/v1/admin/users/{id:guid}/reset-password"] = Scopes.Admin,

        ["GET /api/v1/admin/audit/"] = Scopes.Admin,

        ["GET /api/v1/admin/webhooks/"] = Scopes.WebhooksManage,
        ["GET /api/v1/admin/webhooks/{id:guid}"] = Scopes.WebhooksManage,
        ["POST /api/v1/admin/webhooks/"] = Scopes.WebhooksManage,
        ["PUT /api/v1/admin/webhooks/{id:guid}"] = Scopes.WebhooksManage,
        ["DELETE /api/v1/admin/webhooks/{id:guid}"] = Scopes.WebhooksManage,
        ["POST /api/v1/admin/webhooks/{id:guid}/rotate-secret"] = Scopes.WebhooksManage,
        ["POST /api/v1/admin/webhooks/{id:guid}/test"] = Scopes.WebhooksManage,
        ["GET /api/v1/admin/webhooks/{id:guid}/deliveries"] = Scopes.WebhooksManage,
        ["GET /api/v1/admin/webhooks/{id:guid}/deliveries/{deliveryId:guid}"] = Scopes.WebhooksManage,
        ["POST /api/v1/admin/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver"] = Scopes.WebhooksManage,

        ["GET /api/v1/admin/imports/"] = Scopes.ContentWrite,
        ["GET /api/v1/admin/imports/{id:guid}"] = Scopes.ContentWrite,

        ["GET /api/v1/auth/me"] = AnyCaller,
        ["POST /api/v1/auth/logout"] = AnyCaller,
    };

    private const string Logout = "POST /api/v1/auth/logout";

    /// <summary>A caller: a signed-in user with a role, an API key with one scope, or neither; and the scopes it holds.</summary>
    private sealed record Caller(string? Role, string? KeyScope, string[]? Scopes);

    private static readonly IReadOnlyDictionary<string, Caller> Callers = new Dictionary<string, Caller>
    {
        ["anonymous"] = new(null, null, null),
        ["author"] = new(Roles.Author, null, [Scopes.ContentRead, Scopes.ContentWrite]),
        ["editor"] = new(Roles.Editor, null, [Scopes.ContentRead, Scopes.ContentWrite, Scopes.ContentPublish]),
        ["admin"] = new(Roles.Admin, null, [Scopes.ContentRead, Scopes.ContentWrite, Scopes.ContentPublish, Scopes.WebhooksManage, Scopes.Admin]),
        ["content:read key"] = new(null, Scopes.ContentRead, [Scopes.ContentRead]),
        ["content:write key"] = new(null, Scopes.ContentWrite, [Scopes.ContentWrite]),
        ["content:publish key"] = new(null, Scopes.ContentPublish, [Scopes.ContentPublish]),
        ["webhooks:manage key"] = new(null, Scopes.WebhooksManage, [Scopes.WebhooksManage]),
        ["admin key"] = new(null, Scopes.Admin, [Scopes.Admin]),
        ["bootstrap admin key"] = new(null, null, [Scopes.Admin]),
    };

    [Test]
    public void Every_management_route_has_a_row_in_the_matrix_and_every_row_a_route()
    {
        var routes = ManagementRoutes().ToList();
        var mapped = routes.Select(r => r.Row).Distinct().ToList();

        Assert.That(routes.Select(r => r.Key), Is.Unique);
        Assert.Multiple(() =>
        {
            Assert.That(mapped.Except(Required.Keys), Is.Empty, "routes without a row: add each with the scope it needs");
            Assert.That(Required.Keys.Except(mapped), Is.Empty, "rows for routes the app no longer maps");
        });
    }

    [TestCase("anonymous")]
    [TestCase("author")]
    [TestCase("editor")]
    [TestCase("admin")]
    [TestCase("content:read key")]
    [TestCase("content:write key")]
    [TestCase("content:publish key")]
    [TestCase("admin key")]
    [TestCase("bootstrap admin key")]
    public async Task Each_management_route_lets_the_caller_through_only_with_the_scope_it_needs(string name)
    {
        var caller = Callers[name];
        using var client = await ClientForAsync(caller);
        var mismatches = new List<string>();

        // Signing out ends a user's session, so it goes last.
        foreach (var route in ManagementRoutes().OrderBy(r => r.Key == Logout))
        {
            using var response = await client.SendAsync(RequestFor(route));
            var expected = Required.TryGetValue(route.Row, out var scope) ? Expected(caller, scope) : "a row in the matrix";
            var actual = await OutcomeAsync(response);
            if (actual != expected)
            {
                mismatches.Add($"{route.Key}: expected {expected}, got {actual}");
            }
        }

        Assert.That(mismatches, Is.Empty, $"as {name}");
        var written = await QueryAsync(async db => new[]
        {
            await db.Articles.CountAsync(), await db.Events.CountAsync(), await db.People.CountAsync(), await db.Organisations.CountAsync(),
            await db.AuditEntries.CountAsync(e => !e.Action.StartsWith("login.") && e.Action != "logout" && e.Action != "user.created" && e.Action != "apiKey.created"),
        });
        Assert.That(written, Is.All.Zero, "made-up ids and empty bodies changed content");
    }

    private static string Expected(Caller caller, string scope) =>
        caller.Scopes is null ? "401"
        : scope == AnyCaller || caller.Scopes.Contains(scope) || caller.Scopes.Contains(Scopes.Admin) ? "allowed"
        : "403";

    /// <summary>401 and 403 as problems; any other answer below 500 means the request got past authorization.</summary>
    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 401 or 403)
        {
            return response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? status.ToString()
                : $"{status} without a problem body";
        }

        return status >= 500 ? $"{status}: {await response.Content.ReadAsStringAsync()}" : "allowed";
    }

    /// <summary>A route and method; its <see cref="Row"/> in the matrix is its own, or for <c>HEAD</c> the <c>GET</c> one's, whose scope it needs.</summary>
    private sealed record Route(string Key, string Method, RoutePattern Pattern, bool TakesOnlyForms = false)
    {
        public string Row => Method == "HEAD" ? $"GET {Pattern.RawText}" : Key;
    }

    private static IEnumerable<Route> ManagementRoutes() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/admin/", StringComparison.Ordinal)
                || e.Metadata.GetMetadata<IAuthorizeData>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                .Select(method => new Route($"{method} {e.RoutePattern.RawText}", method, e.RoutePattern,
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types && !types.Contains("application/json"))));

    /// <summary>The route with made-up ids; writes carry an empty JSON object.</summary>
    private static HttpRequestMessage RequestFor(Route route)
    {
        var path = string.Concat(route.Pattern.PathSegments.Select(segment => "/" + string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => SampleValue(route, parameter),
            _ => throw new InvalidOperationException($"{route.Key}: unexpected route part {part}"),
        }))));
        var method = route.Method == "*" ? HttpMethod.Get : new HttpMethod(route.Method);
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            // A route that takes only forms (an upload) gets an empty form: routing answers 415 to JSON before authorization runs.
            request.Content = route.TakesOnlyForms
                ? new MultipartFormDataContent()
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string SampleValue(Route route, RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
        return constraints.Contains("guid") ? Guid.NewGuid().ToString()
            : constraints.Contains("int") ? "1"
            : constraints.Count == 0 ? "made-up-" + parameter.Name
            : throw new InvalidOperationException($"{route.Key}: no sample value for {{{parameter.Name}}}; add one for its constraint.");
    }

    private static async Task<HttpClient> ClientForAsync(Caller caller)
    {
        if (caller.Scopes is null)
        {
            return Raw(apiKey: null);
        }

        if (caller.Role is { } role)
        {
            using var admin = Admin();
            using var user = await UserBuilder.SignedInAsync(Factory, admin, role);
            var client = Raw(apiKey: null);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
            return client;
        }

        if (caller.KeyScope is { } scope)
        {
            using var admin = Admin();
            var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "matrix " + scope, scopes = new[] { scope } });
            Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating the key failed");
            return Raw((await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
        }

        return Raw();
    }
}
