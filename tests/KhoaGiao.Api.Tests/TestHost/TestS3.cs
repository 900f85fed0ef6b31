using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using KhoaGiao.Api.Features.Media;
using Microsoft.Extensions.Configuration;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// The S3-compatible store the tests use: the bucket <c>KHOAGIAO_TEST_S3</c> names (a real MinIO or AWS S3, as
/// <c>ServiceUrl=http://127.0.0.1:9000;Bucket=khoagiao-test;AccessKey=…;SecretKey=…</c>), or when that is unset the
/// private emulator of <c>deploy/s3-emulator.sh</c> (fauxqs), started on first use and stopped at the end of the run
/// if this run started it. When neither can be had, a test asking for it is ignored with the reason, as the README's
/// test command would otherwise fail for a missing optional tool.
/// </summary>
public static class TestS3
{
    public const string Variable = "KHOAGIAO_TEST_S3";

    private static readonly Lazy<(IReadOnlyDictionary<string, string?>? Settings, string? Unavailable)> Store = new(Provide);
    private static bool _startedEmulator;

    /// <summary>
    /// The store as the service's configuration keys (<c>Media:S3:ServiceUrl</c>, <c>Media:S3:Bucket</c> …), so a test
    /// can run the app with <c>Media:Storage=S3</c>; ignores the calling test when no store can be had.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Configuration()
    {
        var (settings, unavailable) = Store.Value;
        if (settings is null)
        {
            Assert.Ignore(unavailable ?? "No S3 store.");
        }

        return settings!;
    }

    /// <summary>The <c>Media</c> section of <see cref="Configuration"/> with <c>Media:Storage=S3</c>, bound as the service binds it.</summary>
    public static MediaOptions MediaOptions(Action<MediaS3Options>? change = null)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(Configuration())
            .AddInMemoryCollection([new("Media:Storage", nameof(MediaStorageKind.S3))])
            .Build()
            .GetSection("Media")
            .Get<MediaOptions>()!;
        change?.Invoke(options.S3);
        return options;
    }

    /// <summary>
    /// Reads <c>Key=value;…</c> (connection-string syntax: quote a value holding <c>;</c>) whose keys are the
    /// properties of <see cref="MediaS3Options"/>, in any case, into <c>Media:S3:*</c> configuration keys.
    /// </summary>
    public static Dictionary<string, string?> Parse(string value)
    {
        var names = typeof(MediaS3Options).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property => property.Name).ToList();
        var builder = new DbConnectionStringBuilder { ConnectionString = value };
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in builder.Keys)
        {
            var name = names.Find(name => string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"{Variable} names '{key}', which is not one of {string.Join(", ", names)}.");
            configuration[$"Media:S3:{name}"] = builder[key]?.ToString();
        }

        if (!configuration.ContainsKey("Media:S3:Bucket"))
        {
            throw new InvalidOperationException($"{Variable} must name the Bucket.");
        }

        return configuration;
    }

    /// <summary>Stops the emulator if this run started it; one already running before the run is left alone.</summary>
    public static void Stop()
    {
        if (_startedEmulator)
        {
            RunScript("stop");
            _startedEmulator = false;
        }
    }

    private static (IReadOnlyDictionary<string, string?>?, string?) Provide()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
        {
            return (Parse(named), null);
        }

        var status = RunScript("status");
        if (status.ExitCode == 0)
        {
            return (Parse(status.Output), null);
        }

        var start = RunScript("start");
        if (start.ExitCode != 0)
        {
            return (null, $"{Variable} is unset and deploy/s3-emulator.sh could not start the S3 emulator ({start.Error}). "
                + "Install Node.js 20 or later with npm (apt-get install nodejs npm) for the emulator, or set "
                + $"{Variable}='ServiceUrl=http://127.0.0.1:9000;Bucket=khoagiao-test;AccessKey=…;SecretKey=…' to test against MinIO or S3.");
        }

        _startedEmulator = true;
        return (Parse(start.Output), null);
    }

    /// <summary>Runs the README's emulator script, as <see cref="TestDatabase"/> runs its PostgreSQL one; the first start installs its packages.</summary>
    private static (int ExitCode, string Output, string Error) RunScript(string command)
    {
        var script = Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "s3-emulator.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        }) ?? throw new InvalidOperationException($"Could not start {script}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{script} {command} did not finish within 5 minutes");
        }

        var lastError = error.Result.Trim().Split('\n')[^1];
        return (process.ExitCode, output.Result.Trim().Split('\n')[^1], $"exit code {process.ExitCode}: {lastError}");
    }
}
