using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Text;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>Finds the addresses of a webhook's host; the seam lets tests point names anywhere without a DNS server.</summary>
public interface IWebhookHostResolver
{
    /// <summary>
    /// The addresses <paramref name="host"/> resolves to; throws <see cref="SocketException"/> when it does not resolve.
    /// </summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Resolves webhook hosts through the operating system's resolver.</summary>
public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A webhook connection refused because its host has no address the service may reach.</summary>
public sealed class WebhookDestinationRefusedException(string message) : Exception(message);

/// <summary>
/// Decides which destinations webhooks may reach, so that a subscription cannot make the service send requests into
/// its own network (server-side request forgery): loopback, private and link-local ranges, the cloud metadata address
/// 169.254.169.254, and every other address that is not public unicast, unless the host is listed in
/// <see cref="WebhooksOptions.AllowedHosts"/>. A URL is judged when it is saved (<see cref="RefusalAsync"/>) and every
/// connection is judged again when it is made (<see cref="ConnectAsync"/>): a name may resolve to a public address at
/// save time and to 127.0.0.1 a minute later (DNS rebinding), so only the connect-time check protects the requests.
/// </summary>
/// <remarks>
/// Both checks read the host as <see cref="Uri"/> parses it, which is also how <see cref="HttpClient"/> reads the
/// URL it sends to, so no spelling of an address can mean one thing to the check and another to the connection.
/// The settings are read on each call, so a changed allow list applies to the next save and the next connection.
/// </remarks>
public sealed class WebhookDestinations(IWebhookHostResolver resolver, IOptionsMonitor<WebhooksOptions> options)
{
    // Special-use names (RFC 6761 .localhost, RFC 6762 .local, RFC 8375 .home.arpa, .internal reserved by ICANN in
    // 2024) and .localdomain, which many systems map to this machine: none of them names a host on the internet.
    private static readonly string[] LocalSuffixes = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa"];

    // The blocks of IANA's special-purpose registry that are private, shared, local, reserved for documentation or
    // benchmarks, multicast or unassigned (192.0.0.0/24 whole: its two anycast services are no webhook receivers).
    private static readonly IPNetwork[] NonPublicIPv4 = Networks(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4");

    // IPv6 addresses that carry an IPv4 address in their last 32 bits and reach it, besides IPv4-mapped ones: the
    // deprecated IPv4-compatible form (which also holds :: and ::1, embedding 0.0.0.0 and 0.0.0.1), and the NAT64
    // well-known prefix (RFC 6052), which an IPv6-only network with DNS64 uses for every IPv4 destination and whose
    // translators must not reach non-public IPv4 addresses through it anyway.
    private static readonly IPNetwork[] EmbeddingIPv4 = Networks("::/96", "64:ff9b::/96");

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    // Inside global unicast: the IETF protocol block 2001::/23 (Teredo 2001::/32, benchmarking, ORCHID), documentation
    // (2001:db8::/32, 3fff::/20), and 6to4 2002::/16, forbidden whole rather than judged by the IPv4 address it embeds:
    // it is deprecated (RFC 7526) and reached through whichever relay routes it.
    private static readonly IPNetwork[] NonPublicGlobalUnicast = Networks("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20");

    /// <summary>
    /// Whether <paramref name="address"/> is anything but a public unicast internet address. Everything outside
    /// 2000::/3 is forbidden in IPv6 (unique-local, site-local, link-local, multicast, loopback, unspecified, NAT64's
    /// local-use prefix) except the forms that embed an IPv4 address, which are judged by that address; so is any
    /// address with a scope id, which only a link-local or site-local address has.
    /// </summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return NonPublicIPv4.Any(network => network.Contains(address));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            return true;
        }

        // An IPv4-mapped address is unwrapped before any IPv6 network is asked: IPNetwork.Contains compares it as the
        // IPv4 address it maps (2000::/3 "contains" ::ffff:8.8.8.8 but not ::ffff:32.0.0.1; dotnet/runtime#131861).
        if (address.IsIPv4MappedToIPv6)
        {
            return IsForbidden(address.MapToIPv4());
        }

        if (EmbeddingIPv4.Any(network => network.Contains(address)))
        {
            return IsForbidden(new IPAddress(address.GetAddressBytes().AsSpan(12)));
        }

        return !GlobalUnicast.Contains(address) || NonPublicGlobalUnicast.Any(network => network.Contains(address));
    }

    /// <summary>
    /// Why <paramref name="url"/> may not be saved as a webhook destination, in the request's language, or null when it
    /// may: an absolute <c>https</c> URL (or <c>http</c> with <see cref="WebhooksOptions.AllowHttp"/>) without user
    /// info or fragment, whose host is allowed, or is a public IP address, or is a name all of whose addresses are
    /// public. <see cref="Uri"/> gives every http(s) URL a host and rewrites the short, decimal, octal and hexadecimal
    /// spellings of an IPv4 address to the dotted form; what it leaves as a name (a trailing dot, full-width digits)
    /// is read again as an address here.
    /// </summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Localized.Text("Địa chỉ webhook phải là một URL tuyệt đối.", "The webhook address must be an absolute URL.");
        }

        var settings = options.CurrentValue;
        if (uri.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            return settings.AllowHttp
                ? Localized.Text("Địa chỉ webhook phải dùng https hoặc http.", "The webhook address must use https or http.")
                : Localized.Text("Địa chỉ webhook phải dùng https.", "The webhook address must use https.");
        }

        // KeepDelimiter also catches an empty user info ("https://@host/"), which UserInfo reports as "".
        if (uri.GetComponents(UriComponents.UserInfo | UriComponents.KeepDelimiter, UriFormat.UriEscaped).Length > 0)
        {
            return Localized.Text("Địa chỉ webhook không được chứa tên người dùng hay mật khẩu.",
                "The webhook address may not contain a user name or password.");
        }

        if (uri.Fragment.Length > 0)
        {
            return Localized.Text("Địa chỉ webhook không được có phần sau dấu #.",
                "The webhook address may not have a fragment (#).");
        }

        var host = Normalised(uri.IdnHost);
        if (IsAllowed(host, settings))
        {
            return null;
        }

        var notPublic = Localized.Text(
            "Địa chỉ webhook trỏ tới máy cục bộ, mạng nội bộ hoặc một địa chỉ không công khai.",
            "The webhook address points to this machine, a local network or another non-public address.");
        if (IsLocalName(host))
        {
            return notPublic;
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return IsForbidden(literal) ? notPublic : null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException or ArgumentException)
        {
            addresses = [];
        }

        if (addresses.Length == 0)
        {
            return Localized.Text("Không phân giải được tên máy trong địa chỉ webhook.",
                "The host name in the webhook address does not resolve.");
        }

        return addresses.Any(IsForbidden) ? notPublic : null;
    }

    /// <summary>
    /// Connects a webhook request (<see cref="SocketsHttpHandler.ConnectCallback"/>) to the first address of its host
    /// that is public and accepts, or to any address of an allowed host. Throws
    /// <see cref="WebhookDestinationRefusedException"/> when no address may be reached.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var host = Normalised(endPoint.Host);
        IPAddress[] addresses = IsAllowed(host, options.CurrentValue) ? await AddressesAsync(host, cancellationToken)
            : IsLocalName(host) ? []
            : Array.FindAll(await AddressesAsync(host, cancellationToken), address => !IsForbidden(address));
        if (addresses.Length == 0)
        {
            throw new WebhookDestinationRefusedException(
                $"The webhook host {host} has no address the service may connect to.");
        }

        for (var i = 0; ; i++)
        {
            var socket = new Socket(addresses[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(addresses[i], endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i < addresses.Length - 1)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>The handler webhook requests go through: every connection is judged by <see cref="ConnectAsync"/>.</summary>
    /// <remarks>
    /// Redirects are not followed, so the receiver cannot choose where the next request goes. A proxy would turn the
    /// judged endpoint into the proxy's, so none is used. A pooled connection keeps the address it was opened to, so
    /// connections are renewed every two minutes to see DNS changes. Responses are not decompressed: the service only
    /// reads their status, and a small compressed body can expand without limit.
    /// </remarks>
    public static SocketsHttpHandler Handler(WebhookDestinations destinations) => new()
    {
        ConnectCallback = destinations.ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.None,
    };

    /// <summary>
    /// A host as it is compared and resolved: without IPv6 brackets or a trailing dot, in lower case. The callers pass
    /// the ASCII (IDN) form, so full-width letters and digits are already folded to their ASCII twins.
    /// </summary>
    private static string Normalised(string host)
    {
        var name = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return (name.EndsWith('.') ? name[..^1] : name).ToLowerInvariant();
    }

    /// <summary>
    /// Whether the allow list names <paramref name="host"/>. An address entry admits that address (however the URL
    /// spells it in IPv4, since <see cref="Uri"/> rewrites every spelling to one), not its IPv4-mapped form nor the
    /// names that resolve to it; a name entry admits that name only.
    /// </summary>
    private static bool IsAllowed(string host, WebhooksOptions settings) =>
        settings.AllowedHosts.Any(entry => Canonical(Normalised(entry.Trim())) == Canonical(host));

    private static string Canonical(string host) => IPAddress.TryParse(host, out var address) ? address.ToString() : host;

    /// <summary>Names that only mean something on this machine or its network, and IPv6 literals with a zone id (<c>%eth0</c>).</summary>
    private static bool IsLocalName(string host) =>
        host == "localhost" || host.Contains('%') || LocalSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal));

    private async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);

    private static IPNetwork[] Networks(params string[] prefixes) => Array.ConvertAll(prefixes, prefix => IPNetwork.Parse(prefix));
}
