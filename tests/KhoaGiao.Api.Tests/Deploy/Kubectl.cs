using System.Diagnostics;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Deploy;

/// <summary><c>kubectl kustomize</c> on a directory of deploy/k8s, when kubectl is installed.</summary>
public static class Kubectl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>The objects <c>kubectl kustomize deploy/k8s/<paramref name="directory"/></c> renders; ignores the test without kubectl.</summary>
    public static async Task<List<JsonObject>> KustomizeAsync(string directory)
    {
        var kubectl = FindOnPath("kubectl");
        if (kubectl is null)
        {
            Assert.Ignore("kubectl is not installed: the Kubernetes manifests in deploy/k8s were not rendered or checked. "
                + "Install the kubectl client (no cluster is needed) to check them.");
        }

        var start = new ProcessStartInfo(kubectl!, ["kustomize", Path.Combine("deploy", "k8s", directory)])
        {
            WorkingDirectory = TestDatabase.RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"kubectl kustomize deploy/k8s/{directory} failed:\n{await error}");
        return YamlDocuments.Parse(await output);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
