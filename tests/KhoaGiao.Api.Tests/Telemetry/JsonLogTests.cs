using System.Diagnostics;
using System.Text.Json;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace KhoaGiao.Api.Tests.Telemetry;

public sealed class JsonLogTests : ApiTest
{
    [Test]
    public async Task In_production_every_console_line_is_a_json_entry_in_utc_and_a_requests_entries_carry_its_trace_id_as_its_problem_does()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var console = new StringWriter();
        var original = Console.Out;

        // The console logger takes Console.Out when the host builds it and writes out its queue when the host is
        // disposed (at the end of the try block); the suite's other hosts keep the writer they took.
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            await using var app = TelemetryHosts.With(builder => builder.UseEnvironment("Production"),
                ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles/khong-co-bai-nay");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

            var problem = await AssertProblemAsync(await client.SendAsync(request), 404);

            Assert.That(problem["traceId"]!.GetValue<string>(), Does.Match($"^00-{traceId}-[0-9a-f]{{16}}-01$"));
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Is.Not.Empty);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.That(entries.Select(e => e.GetProperty("Timestamp").GetString()), Has.All.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$"));
        var ofRequest = entries.Where(e => e.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId.ToHexString())).ToList();
        Assert.That(ofRequest.Select(e => e.GetProperty("Category").GetString()), Does.Contain("Microsoft.AspNetCore.Hosting.Diagnostics"),
            string.Join('\n', lines));
    }
}
