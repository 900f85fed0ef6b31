namespace KhoaGiao.Api.Features.Health;

/// <summary>
/// <c>dotnet KhoaGiao.Api.dll health [url]</c>: asks a running instance for its liveness and exits 0 when it answers
/// 2xx. The container image's <c>HEALTHCHECK</c> runs it: the chiseled runtime image has no shell, curl or wget, and
/// the program that is already there can ask instead of a probe binary added for the purpose.
/// </summary>
public static class HealthCommand
{
    public const int Healthy = 0;
    public const int Unhealthy = 1;
    public const int WrongArguments = 64;

    /// <summary>Where the container image listens (<c>ASPNETCORE_URLS=http://+:8080</c> in deploy/Dockerfile).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    /// <summary>Below Docker's health-check timeout, so a hung instance is reported by this command rather than killed.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Checks the URL in <paramref name="args"/> (what follows <c>health</c>), or <see cref="DefaultUrl"/>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        Uri? url = null;
        if (args.Length > 1 || (args is [var given] && !Uri.TryCreate(given, UriKind.Absolute, out url)))
        {
            await Console.Error.WriteLineAsync($"usage: dotnet KhoaGiao.Api.dll health [url]   (default {DefaultUrl})");
            return WrongArguments;
        }

        url ??= new Uri(DefaultUrl);
        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
            {
                return Healthy;
            }

            await Console.Error.WriteLineAsync($"{url} answered {(int)response.StatusCode}.");
            return Unhealthy;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{url} did not answer: {exception.Message}");
            return Unhealthy;
        }
    }
}
