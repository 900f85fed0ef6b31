using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Features.Health;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Features.Health;

/// <summary><c>dotnet KhoaGiao.Api.dll health</c>, the container image's HEALTHCHECK, against the service on real Kestrel.</summary>
public sealed class HealthCommandTests : ApiTest
{
    [Test]
    public async Task Health_exits_0_when_the_service_answers_its_liveness()
    {
        await using var app = new KhoaGiaoApiFactory(TestDatabase.ConnectionString);
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        using var client = app.CreateClient();

        Assert.That(await HealthCommand.RunAsync([new Uri(client.BaseAddress!, "/health/live").ToString()]), Is.EqualTo(HealthCommand.Healthy));
        Assert.That(await HealthCommand.RunAsync([new Uri(client.BaseAddress!, "/health/khong-co").ToString()]), Is.EqualTo(HealthCommand.Unhealthy),
            "a 404 is not health");
    }

    [Test]
    public async Task Health_exits_1_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        Assert.That(await HealthCommand.RunAsync([$"http://127.0.0.1:{port}/health/live"]), Is.EqualTo(HealthCommand.Unhealthy));
    }

    [TestCase("khong-phai-url")]
    [TestCase("http://127.0.0.1:8080/health/live", "thua")]
    public async Task Health_with_wrong_arguments_exits_64(params string[] args) =>
        Assert.That(await HealthCommand.RunAsync(args), Is.EqualTo(HealthCommand.WrongArguments));
}
