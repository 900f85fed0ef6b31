using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Property-based fuzzing from the committed OpenAPI document: for every operation, requests generated from its
/// schemas (mostly valid, some broken in one part) go through the real pipeline, and every response must be one the
/// document declares: no 5xx, a declared status, the declared content type, a body that matches the declared schema.
/// This keeps the document honest as the API grows. Every departure of the run is reported in one failure, grouped
/// by operation. No operation is left out: one that ends its caller's session (signing out) gets a fresh session
/// for its requests.
/// </summary>
public sealed class OpenApiFuzzTests : ApiTest
{
    /// <summary>Requests per operation in the test command; <c>KHOAGIAO_FUZZ_ITERATIONS</c> raises it (deploy/fuzz.sh: 2,000).</summary>
    private const int DefaultIterations = 200;

    /// <summary>Requests in flight at once: concurrent writers meet, as real clients' do.</summary>
    private const int Concurrency = 4;

    private const string UnknownApiKey = "khoa-khong-ton-tai-0000000000";

    [Test]
    public async Task Every_response_to_generated_requests_is_one_the_document_declares()
    {
        var iterations = Setting("KHOAGIAO_FUZZ_ITERATIONS") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : DefaultIterations;
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestDatabase.RepositoryRoot(), "openapi", "khoagiao.v1.json")))!;
        var operations = FuzzOperation.AllIn(document);
        Assert.That(operations, Has.Count.GreaterThan(60), "the document's operations were not read");

        // For reproducing one operation's findings quickly; the full set always runs unless this is set.
        if (Setting("KHOAGIAO_FUZZ_OPERATIONS")?.Split(',', StringSplitOptions.TrimEntries) is { } only)
        {
            operations = operations.Where(o => only.Contains(o.Id)).ToList();
            TestContext.Out.WriteLine($"KHOAGIAO_FUZZ_OPERATIONS: only {string.Join(", ", operations.Select(o => o.Id))}");
        }

        using var serverLog = new ServerLog();
        Factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(serverLog);
        var validator = new OpenApiResponseValidator(document);
        var report = new FuzzReport();
        using var client = Factory.CreateDefaultClient();
        var timings = new StringBuilder();
        string? seededFor = null;
        FuzzData data = null!;
        foreach (var operation in operations.OrderBy(o => o.Method == HttpMethod.Get ? 0 : 1)
                     .GroupBy(SeedGroup).SelectMany(group => group.OrderBy(DeletionsLast)))
        {
            var watch = Stopwatch.StartNew();
            if (SeedGroup(operation) != seededFor)
            {
                seededFor = SeedGroup(operation);
                data = await SeedAsync(withAccounts: operation.Method == HttpMethod.Get || NeedsAccounts(operation));
            }

            var seeded = watch.ElapsedMilliseconds;
            var generator = new OpenApiRequestGenerator(document, data);

            await generator.For(operation).SampleAsync(
                request => SendAndCheckAsync(client, request, data, validator, report),
                iter: iterations,
                threads: Concurrency);

            foreach (var leak in LeakWatch.Drain())
            {
                report.Fail(operation, "a response revealed internals", leak);
            }

            if (report.HasServerErrors(operation))
            {
                report.Fail(operation, "server log", string.Join("\n    ", serverLog.Drain().Distinct().Take(10)));
            }

            serverLog.Drain();

            timings.Append(CultureInfo.InvariantCulture, $"{operation.Id} {seeded}+{watch.ElapsedMilliseconds - seeded} ms; ");
        }

        TestContext.Out.WriteLine($"{operations.Count} operations × {iterations} requests. Statuses seen:\n{report.Statuses()}\n{timings}");
        Assert.That(report.HasFailures, Is.False, report.Failures());
    }

    /// <summary>
    /// Which operations share one seeding (a reset database with a little content): every read, since reads change
    /// nothing; the writes to one resource (articles, events, people…), run in document order with deletions last, the
    /// ids they create joining the pools; and each sign-in operation alone, since they lock accounts and end sessions.
    /// Seeding costs about as much as fuzzing an operation at 200 requests, so sharing it nearly halves the test's time.
    /// </summary>
    private static string SeedGroup(FuzzOperation operation) =>
        operation.Method == HttpMethod.Get ? "reads"
        : operation.Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) ? operation.Id
        : operation.Path.Replace("/api/v1/admin/", "/", StringComparison.Ordinal).Replace("/api/v1/", "/", StringComparison.Ordinal).Split('/')[1];

    /// <summary>Within a seeding group: writes in document order, then deletions, of parts (participations) before wholes.</summary>
    private static int DeletionsLast(FuzzOperation operation) =>
        operation.Method == HttpMethod.Delete ? 100 - operation.Path.Count(c => c == '/') : 0;

    /// <summary>Staff accounts cost a password hash each, so only the operations on accounts and sign-in get them.</summary>
    private static bool NeedsAccounts(FuzzOperation operation) =>
        operation.Path.StartsWith("/api/v1/auth/", StringComparison.Ordinal) || operation.Path.StartsWith("/api/v1/admin/users", StringComparison.Ordinal);

    /// <summary>An empty database with a little content.</summary>
    private static async Task<FuzzData> SeedAsync(bool withAccounts)
    {
        await TestDatabase.ResetAsync();
        var data = await FuzzData.SeedAsync(Factory, withAccounts);
        LeakWatch.Drain();
        return data;
    }

    private static async Task SendAndCheckAsync(
        HttpClient client, FuzzRequest request, FuzzData data, OpenApiResponseValidator validator, FuzzReport report)
    {
        var operation = request.Operation;
        try
        {
            using var message = new HttpRequestMessage(operation.Method, request.PathAndQuery);
            if (await AuthorizationAsync(client, request.Credential, data) is { } authorization)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Body is not null || request.ContentType is not null)
            {
                message.Content = new StringContent(request.Body ?? "", Encoding.UTF8);
                message.Content.Headers.Remove("Content-Type");
                if (request.ContentType is not null)
                {
                    message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
                }
            }

            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            report.Count(operation, (int)response.StatusCode);
            Harvest(operation, response, body, data);
            if (validator.Check(operation, response, body) is var (kind, detail))
            {
                report.Fail(operation, kind, $"{request.Describe()}\n    → {(int)response.StatusCode} {response.Content.Headers.ContentType}: "
                    + $"{FuzzRequest.Excerpt(body, 500)}\n    {detail}");
            }
        }
        catch (Exception exception)
        {
            // Whatever breaks (the test host's client, the schema library) is reported with the request, not thrown:
            // CsCheck would otherwise stop and shrink the sample, resending requests.
            report.Fail(operation, $"request failed: {exception.GetType().Name}", $"{request.Describe()}\n    {exception.Message}");
        }
    }

    private static async Task<string?> AuthorizationAsync(HttpClient client, FuzzCredential credential, FuzzData data) => credential switch
    {
        FuzzCredential.AdminKey => "ApiKey " + KhoaGiaoApiFactory.BootstrapAdminKey,
        FuzzCredential.StaffToken => "Bearer " + data.AccessToken,
        FuzzCredential.FreshStaffToken => "Bearer " + (await data.FreshAccessTokenAsync(client) ?? data.AccessToken),
        FuzzCredential.UnknownApiKey => "ApiKey " + UnknownApiKey,
        FuzzCredential.MalformedBearerToken => "Bearer not.a.token",
        _ => null,
    };

    /// <summary>Keeps the ETags, cursors and new items' ids the service hands out, so later requests can send them back.</summary>
    private static void Harvest(FuzzOperation operation, HttpResponseMessage response, string body, FuzzData data)
    {
        if (response.Headers.ETag is { } etag)
        {
            data.Add("etag", etag.ToString());
        }

        if (!response.IsSuccessStatusCode || !body.StartsWith('{'))
        {
            return;
        }

        try
        {
            var json = JsonNode.Parse(body);
            if (json?["nextCursor"] is JsonValue cursor && cursor.TryGetValue<string>(out var text))
            {
                data.Add("cursor", text);
            }

            if ((int)response.StatusCode == 201 && json?["id"] is JsonValue id && FuzzData.PoolForCreated(operation) is { } pool)
            {
                data.Add(pool, id.ToString());
            }
        }
        catch (JsonException)
        {
            // The validator reports a body that is not JSON.
        }
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
