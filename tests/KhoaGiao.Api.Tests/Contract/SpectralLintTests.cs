using System.Text.Json;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Lints <c>openapi/khoagiao.v1.json</c> with Spectral: its OpenAPI rules and the OWASP API Security Top 10 rules, as
/// configured in <c>openapi/.spectral.yaml</c> (Spectral and the rulesets are pinned in tests/clients). An error
/// fails the test; warnings are printed.
/// </summary>
public sealed class SpectralLintTests
{
    /// <summary>Paths listed per rule in the failure message; the test output lists them all.</summary>
    private const int ExamplesPerRule = 10;

    private sealed record Finding(string Code, string Message, int Severity, string Where);

    [Test]
    public async Task Openapi_document_has_no_spectral_error()
    {
        var spectral = NodeTools.Built(Path.Combine("tests", "clients", "node_modules", ".bin", "spectral"));

        var run = await NodeTools.RunAsync(
            [spectral, "lint", "--ruleset", "openapi/.spectral.yaml", "--format", "json", "--quiet", "openapi/khoagiao.v1.json"],
            TimeSpan.FromMinutes(3));

        var findings = Parse(run.Output);
        if (findings is null)
        {
            Assert.Fail($"spectral did not lint the document (exit code {run.ExitCode}):\n{run.Error}\n{run.Output}");
            return;
        }

        var errors = findings.Where(f => f.Severity == 0).ToList();
        var warnings = findings.Where(f => f.Severity == 1).ToList();
        TestContext.Out.WriteLine($"Spectral: {errors.Count} errors, {warnings.Count} warnings.");
        TestContext.Out.WriteLine(ByRule(warnings, ExamplesPerRule, "warnings"));
        TestContext.Out.WriteLine(ByRule(errors, int.MaxValue, "errors"));
        Assert.That(errors, Is.Empty,
            $"openapi/khoagiao.v1.json has {errors.Count} Spectral errors (openapi/.spectral.yaml):\n{ByRule(errors, ExamplesPerRule, "errors")}");
    }

    /// <summary>Spectral's JSON results, or null when it printed none (it failed before linting).</summary>
    private static List<Finding>? Parse(string output)
    {
        var start = output.IndexOf('[', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        try
        {
            using var results = JsonDocument.Parse(output[start..]);
            return results.RootElement.EnumerateArray().Select(r => new Finding(
                r.GetProperty("code").ToString(),
                r.GetProperty("message").GetString() ?? "",
                r.GetProperty("severity").GetInt32(),
                $"line {r.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32() + 1}: "
                + string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString())))).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Findings grouped by rule, the most frequent first, each with its message and up to <paramref name="examples"/> places.</summary>
    private static string ByRule(List<Finding> findings, int examples, string kind) =>
        findings.Count == 0
            ? $"No {kind}."
            : string.Join('\n', findings
                .GroupBy(f => f.Code)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({g.Count()} {kind}): {g.First().Message}\n"
                    + string.Join('\n', g.Take(examples).Select(f => $"    {f.Where}"))
                    + (g.Count() > examples ? $"\n    … and {g.Count() - examples} more" : "")));
}
