using System.Net;
using System.Net.Sockets;
using System.Text;
using KhoaGiao.Api.Features.Webhooks;
using KhoaGiao.Api.Http;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Tests.Features.Webhooks;

/// <summary>
/// The address guard of outgoing webhooks, built directly over a resolver that knows a few names, and at connect time
/// against a listener on loopback standing in for an internal service.
/// </summary>
public sealed class WebhookDestinationsTests
{
    private const string NoContent = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";

    private static readonly IPAddress PublicAddress = IPAddress.Parse("93.184.216.34");

    private static readonly Dictionary<string, IPAddress[]> Names = new()
    {
        ["example.com"] = [PublicAddress],
        ["hooks.example.com"] = [PublicAddress],
        ["loopback.example"] = [IPAddress.Loopback],
        ["private.example"] = [IPAddress.Parse("10.1.2.3")],
        ["loopback6.example"] = [IPAddress.IPv6Loopback],
        ["metadata.example"] = [IPAddress.Parse("169.254.169.254")],
        ["mixed.example"] = [PublicAddress, IPAddress.Parse("192.168.0.10")],
        ["receiver.lan"] = [IPAddress.Parse("10.1.2.3")],
        // Public answers for reserved names prove that they are refused by name, before any lookup.
        ["localhost"] = [PublicAddress],
        ["metadata.google.internal"] = [PublicAddress],
    };

    /// <summary>
    /// URLs a webhook may never be saved with, whether <c>http</c> is allowed or not: every spelling of loopback, the
    /// metadata service and private ranges, names that resolve there (<c>.example</c> names do not resolve on the
    /// internet, so they are refused by a real resolver too), and URLs that break the form rules.
    /// </summary>
    public static IEnumerable<string> BypassUrls =>
    [
        "http://127.0.0.1/",
        "https://127.0.0.1/",
        "https://127.1/",
        "https://127.0.1/",
        "https://2130706433/",
        "https://0x7f000001/",
        "https://0x7f.1/",
        "https://0177.0.0.1/",
        "https://0177.1/",
        "https://017700000001/",
        "https://0x7f.0x0.0x0.0x1/",
        "https://127.000.000.001/",
        "https://127.0.0.1./",
        "https://１２７。０。０。１/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:7f00:1]/",
        "https://[0:0:0:0:0:ffff:127.0.0.1]/",
        "https://[::127.0.0.1]/",
        "https://[::ffff:0:7f00:1]/",
        "https://[0::1]/",
        "https://localhost/",
        "https://LOCALHOST/",
        "https://localhost./",
        "https://foo.localhost/",
        "https://ｌｏｃａｌｈｏｓｔ/",
        "https://printer.local/",
        "https://router.home.arpa/",
        "https://nas.localdomain/",
        "https://169.254.169.254/latest/meta-data/",
        "https://2852039166/",
        "https://0xa9fea9fe/",
        "https://0251.0376.0251.0376/",
        "https://[::ffff:169.254.169.254]/",
        "https://[fd00:ec2::254]/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://10.0.0.1/",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "http://192.168.1.1:8080/",
        "https://100.64.0.1/",
        "https://198.18.0.1/",
        "https://0.0.0.0/",
        "https://0/",
        "https://[::]/",
        "https://224.0.0.1/",
        "https://255.255.255.255/",
        "https://[fe80::1]/",
        "https://[fe80::1%25eth0]/",
        "https://[fc00::1]/",
        "https://[fec0::1]/",
        "https://[ff02::1]/",
        "https://[64:ff9b::7f00:1]/",
        "https://[2002:7f00:1::]/",
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
        "https://[2001:db8::1]/",
        "https://loopback.example/",
        "https://private.example/",
        "https://loopback6.example/",
        "https://metadata.example/",
        "https://mixed.example/",
        "https://nowhere.example/",
        "https://user:pass@example.com/",
        "https://@example.com/",
        "https://example.com/hooks#part",
        "https:///hooks",
        "ftp://example.com/hooks",
        "/hooks",
        "hooks/receive",
    ];

    [TestCaseSource(nameof(BypassUrls))]
    public async Task RefusalAsync_refuses_a_destination_that_is_not_public_or_not_well_formed(string url)
    {
        var resolver = new FakeResolver();

        Assert.That(await Destinations(resolver).RefusalAsync(url, CancellationToken.None), Is.Not.Null);
        Assert.That(await Destinations(resolver, allowHttp: true).RefusalAsync(url, CancellationToken.None), Is.Not.Null);
    }

    [TestCase("https://localhost/")]
    [TestCase("https://localhost./")]
    [TestCase("https://ｌｏｃａｌｈｏｓｔ/")]
    [TestCase("https://foo.localhost/")]
    [TestCase("https://metadata.google.internal/computeMetadata/v1/")]
    [TestCase("https://127.0.0.1./")]
    [TestCase("https://１２７。０。０。１/")]
    [TestCase("https://0x7f.1/")]
    [TestCase("https://[fe80::1%25eth0]/")]
    public async Task RefusalAsync_refuses_an_internal_address_or_local_name_without_looking_it_up(string url)
    {
        var resolver = new FakeResolver();

        Assert.That(await Destinations(resolver).RefusalAsync(url, CancellationToken.None), Is.Not.Null);
        Assert.That(resolver.Lookups, Is.Empty);
    }

    [TestCase("https://93.184.216.34/hooks")]
    [TestCase("https://hooks.example.com/receive?source=khoagiao")]
    [TestCase("https://hooks.example.com:8443/receive")]
    [TestCase("https://[2606:2800:220:1:248:1893:25c8:1946]/hooks")]
    [TestCase("https://Hooks.Example.COM./receive")]
    public async Task RefusalAsync_accepts_a_public_https_destination(string url) =>
        Assert.That(await Destinations(new FakeResolver()).RefusalAsync(url, CancellationToken.None), Is.Null);

    [Test]
    public async Task RefusalAsync_accepts_http_only_when_AllowHttp_is_on()
    {
        const string url = "http://93.184.216.34/hooks";

        Assert.That(await Destinations(new FakeResolver()).RefusalAsync(url, CancellationToken.None), Is.Not.Null);
        Assert.That(await Destinations(new FakeResolver(), allowHttp: true).RefusalAsync(url, CancellationToken.None), Is.Null);
    }

    [TestCase("https://receiver.lan/hooks", null)]
    [TestCase("https://RECEIVER.LAN./hooks", null)]
    [TestCase("https://10.1.2.3/hooks", "the address the allowed name resolves to")]
    [TestCase("https://[::ffff:10.1.2.3]/hooks", "the IPv4-mapped address of the allowed name")]
    [TestCase("https://receiver.lan.example/hooks", "a longer name")]
    public async Task AllowedHosts_admits_the_internal_name_it_lists_and_nothing_else(string url, string? refusedAs)
    {
        var destinations = Destinations(new FakeResolver(), allowedHosts: ["Receiver.LAN."]);

        Assert.That(await destinations.RefusalAsync(url, CancellationToken.None), refusedAs is null ? Is.Null : Is.Not.Null, refusedAs);
    }

    [TestCase("https://10.1.2.3/hooks", null)]
    [TestCase("https://0xa010203/hooks", null)]
    [TestCase("https://10.1.2.3./hooks", null)]
    [TestCase("https://[::ffff:10.1.2.3]/hooks", "the IPv4-mapped form")]
    [TestCase("https://[::10.1.2.3]/hooks", "the IPv4-compatible form")]
    [TestCase("https://receiver.lan/hooks", "a name that resolves to the address")]
    public async Task AllowedHosts_admits_the_internal_address_it_lists_but_not_its_IPv6_forms_or_names(string url, string? refusedAs)
    {
        var destinations = Destinations(new FakeResolver(), allowedHosts: ["10.1.2.3"]);

        Assert.That(await destinations.RefusalAsync(url, CancellationToken.None), refusedAs is null ? Is.Null : Is.Not.Null, refusedAs);
    }

    [TestCase("0.0.0.0", true)]
    [TestCase("10.255.255.255", true)]
    [TestCase("100.64.0.0", true)]
    [TestCase("100.127.255.255", true)]
    [TestCase("127.0.0.1", true)]
    [TestCase("169.254.169.254", true)]
    [TestCase("172.31.255.255", true)]
    [TestCase("192.0.0.8", true)]
    [TestCase("192.88.99.1", true)]
    [TestCase("198.19.255.255", true)]
    [TestCase("203.0.113.7", true)]
    [TestCase("239.255.255.250", true)]
    [TestCase("240.0.0.1", true)]
    [TestCase("255.255.255.255", true)]
    [TestCase("::", true)]
    [TestCase("::1", true)]
    [TestCase("::ffff:10.0.0.1", true)]
    [TestCase("::a9fe:a9fe", true)]
    [TestCase("64:ff9b::a9fe:a9fe", true)]
    [TestCase("64:ff9b:1::808:808", true)]
    [TestCase("100::1", true)]
    [TestCase("2001::1", true)]
    [TestCase("2001:db8::1", true)]
    [TestCase("2002:5db8:d822::1", true)]
    [TestCase("3fff::1", true)]
    [TestCase("fc00::1", true)]
    [TestCase("fd12:3456::1", true)]
    [TestCase("fec0::1", true)]
    [TestCase("fe80::1", true)]
    [TestCase("fe80::1%2", true)]
    [TestCase("2606:4700:4700::1111%2", true)]
    [TestCase("ff02::1", true)]
    [TestCase("8.8.8.8", false)]
    [TestCase("93.184.216.34", false)]
    [TestCase("100.63.255.255", false)]
    [TestCase("100.128.0.0", false)]
    [TestCase("172.15.255.255", false)]
    [TestCase("172.32.0.0", false)]
    [TestCase("192.169.0.1", false)]
    [TestCase("223.255.255.255", false)]
    [TestCase("2606:4700:4700::1111", false)]
    [TestCase("2001:200::1", false)]
    [TestCase("::ffff:8.8.8.8", false)]
    [TestCase("64:ff9b::808:808", false)]
    public void IsForbidden_is_true_for_every_address_but_public_unicast(string address, bool forbidden) =>
        Assert.That(OutboundGuard.IsForbidden(IPAddress.Parse(address)), Is.EqualTo(forbidden));

    [Test]
    public void Handler_connects_through_the_guard_without_redirects_proxy_cookies_or_decompression()
    {
        var destinations = Destinations(new FakeResolver());
        using var handler = WebhookDestinations.Handler(destinations);

        Assert.That(handler.ConnectCallback, Is.EqualTo(new Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>(destinations.ConnectAsync)));
        Assert.That(handler.AllowAutoRedirect, Is.False);
        Assert.That(handler.UseProxy, Is.False);
        Assert.That(handler.UseCookies, Is.False);
        Assert.That(handler.AutomaticDecompression, Is.EqualTo(DecompressionMethods.None));
        Assert.That(handler.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(handler.PooledConnectionLifetime, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task A_name_that_resolves_to_loopback_after_it_was_saved_is_refused_when_the_connection_is_made()
    {
        await using var receiver = new Receiver(NoContent);
        var resolver = new FakeResolver { ["rebind.example"] = [PublicAddress] };
        var destinations = Destinations(resolver, allowHttp: true);
        var url = $"http://rebind.example:{receiver.Port}/";
        Assert.That(await destinations.RefusalAsync(url, CancellationToken.None), Is.Null);
        resolver["rebind.example"] = [IPAddress.Loopback];
        using var client = new HttpClient(WebhookDestinations.Handler(destinations));

        var exception = Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, Body()));

        Assert.That(exception.InnerException, Is.TypeOf<DestinationRefusedException>());
        Assert.That(await receiver.StopAsync(), Is.Zero);
    }

    [TestCase("loopback.example", "loopback.example")]
    [TestCase("127.0.0.1", "127.0.0.1")]
    [TestCase("2130706433", "127.0.0.1")]
    [TestCase("[::ffff:127.0.0.1]", "::ffff:127.0.0.1")]
    [TestCase("localhost", "localhost")]
    public async Task A_connection_to_loopback_is_refused_before_it_is_made_with_a_message_naming_only_the_host(string host, string named)
    {
        await using var receiver = new Receiver(NoContent);
        using var client = new HttpClient(WebhookDestinations.Handler(Destinations(new FakeResolver(), allowHttp: true)));

        var exception = Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://{host}:{receiver.Port}/hooks?secret=1", Body()));

        Assert.That(exception.InnerException, Is.TypeOf<DestinationRefusedException>());
        Assert.That(exception.InnerException!.Message, Does.Contain(named).And.Not.Contain(receiver.Port.ToString()).And.Not.Contain("secret"));
        Assert.That(await receiver.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task A_connection_to_an_allowed_host_reaches_it_whatever_it_resolves_to()
    {
        await using var receiver = new Receiver(NoContent);
        var resolver = new FakeResolver { ["rebind.example"] = [IPAddress.Loopback] };
        using var client = new HttpClient(WebhookDestinations.Handler(Destinations(resolver, allowHttp: true, allowedHosts: ["rebind.example"])));

        using var response = await client.PostAsync($"http://rebind.example:{receiver.Port}/", Body());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await receiver.StopAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_redirect_is_returned_to_the_caller_not_followed()
    {
        await using var target = new Receiver(NoContent);
        await using var receiver = new Receiver(
            $"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{target.Port}/\r\nContent-Length: 0\r\n\r\n");
        var resolver = new FakeResolver { ["hooks.example"] = [IPAddress.Loopback] };
        // The redirect target is allowed too, so only the handler's refusal to follow redirects keeps it unreached.
        using var client = new HttpClient(WebhookDestinations.Handler(
            Destinations(resolver, allowHttp: true, allowedHosts: ["hooks.example", "127.0.0.1"])));

        using var response = await client.PostAsync($"http://hooks.example:{receiver.Port}/", Body());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri($"http://127.0.0.1:{target.Port}/")));
        Assert.That(await receiver.StopAsync(), Is.EqualTo(1));
        Assert.That(await target.StopAsync(), Is.Zero);
    }

    private static StringContent Body() => new("""{"type":"article.published"}""", Encoding.UTF8, "application/json");

    private static WebhookDestinations Destinations(FakeResolver resolver, bool allowHttp = false, List<string>? allowedHosts = null) =>
        new(new OutboundGuard(resolver), new FixedOptions(new WebhooksOptions { AllowHttp = allowHttp, AllowedHosts = allowedHosts ?? [] }));

    /// <summary>Resolves the names of <see cref="Names"/> and any added per test; other names do not resolve.</summary>
    private sealed class FakeResolver : IHostResolver
    {
        private readonly Dictionary<string, IPAddress[]> _names = new(Names);

        public List<string> Lookups { get; } = [];

        public IPAddress[] this[string name]
        {
            set => _names[name] = value;
        }

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Lookups.Add(host);
            return _names.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
        }
    }

    private sealed class FixedOptions(WebhooksOptions value) : IOptionsMonitor<WebhooksOptions>
    {
        public WebhooksOptions CurrentValue => value;

        public WebhooksOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhooksOptions, string?> listener) => null;
    }

    /// <summary>
    /// An HTTP/1.1 server on a loopback port that answers every request with one fixed response and counts the
    /// connections it accepts, standing in for a service inside the network.
    /// </summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stopping = new();
        private readonly List<TcpClient> _connections = [];
        private readonly byte[] _response;
        private readonly Task _serving;
        private int? _accepted;

        public Receiver(string response)
        {
            _response = Encoding.ASCII.GetBytes(response);
            _listener.Start();
            _serving = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>
        /// Stops listening and tells how many connections were made to it, counting those still waiting in the
        /// listener's queue, so a connection made just before the count is never missed.
        /// </summary>
        public async Task<int> StopAsync()
        {
            if (_accepted is { } accepted)
            {
                return accepted;
            }

            await _stopping.CancelAsync();
            await _serving;
            var waiting = 0;
            for (; _listener.Pending(); waiting++)
            {
                _listener.AcceptTcpClient().Dispose();
            }

            _listener.Stop();
            _connections.ForEach(connection => connection.Dispose());
            _accepted = _connections.Count + waiting;
            return _accepted.Value;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stopping.Dispose();
        }

        private async Task ServeAsync()
        {
            try
            {
                while (true)
                {
                    var connection = await _listener.AcceptTcpClientAsync(_stopping.Token);
                    _connections.Add(connection);
                    await AnswerAsync(connection.GetStream());
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task AnswerAsync(NetworkStream stream)
        {
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!IsComplete(request.ToString()))
            {
                var read = await stream.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(_response, _stopping.Token);
        }

        private static bool IsComplete(string request)
        {
            var headersEnd = request.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headersEnd < 0)
            {
                return false;
            }

            var contentLength = request[..headersEnd].Split("\r\n")
                .Select(line => line.Split(':', 2))
                .Where(header => header.Length == 2 && header[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(header => int.Parse(header[1]))
                .SingleOrDefault();
            return request.Length >= headersEnd + 4 + contentLength;
        }
    }
}
