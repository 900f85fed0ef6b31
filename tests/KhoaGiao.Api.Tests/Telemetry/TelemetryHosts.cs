using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KhoaGiao.Api.Tests.Telemetry;

/// <summary>Another instance of the service on the suite's database and clock, with settings of its own.</summary>
internal static class TelemetryHosts
{
    public static WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        With(builder => { }, settings);

    public static WebApplicationFactory<Program> With(Action<IWebHostBuilder> configure, params (string Key, string Value)[] settings) =>
        TestDatabase.Factory.WithWebHostBuilder(builder =>
        {
            // Whatever the machine's environment says, these hosts export only where the test points them.
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            configure(builder);
        });

    /// <summary>A TCP port nothing listens on now (the system picks it; the test binds it a moment later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
