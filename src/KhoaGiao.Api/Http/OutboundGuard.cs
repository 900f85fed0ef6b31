using System.Net;
using System.Net.Sockets;

namespace KhoaGiao.Api.Http;

/// <summary>Finds the addresses of a host the service connects to; the seam lets tests point names anywhere without a DNS server.</summary>
public interface IHostResolver
{
    /// <summary>
    /// The addresses <paramref name="host"/> resolves to; throws <see cref="SocketException"/> when it does not resolve.
    /// </summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Resolves hosts through the operating system's resolver.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A connection refused because its host has no address the service may reach.</summary>
public sealed class DestinationRefusedException(string message) : Exception(message);

/// <summary>
/// Keeps the requests the service makes on behalf of its users (webhook deliveries, imports) out of its own network
/// (server-side request forgery): loopback, private and link-local ranges, the cloud metadata address
/// 169.254.169.254, and every other address that is not public unicast are refused, unless the caller admits the
/// host. Every connection is judged when it is made (<see cref="ConnectAsync"/>): a name may resolve to a public
/// address when a URL is checked and to 127.0.0.1 a minute later (DNS rebinding), so only the connect-time check
/// protects the requests.
/// </summary>
public sealed class OutboundGuard(IHostResolver resolver)
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
    /// Connects a request (<see cref="SocketsHttpHandler.ConnectCallback"/>) to the first address of its host that is
    /// public and accepts, or to any address of a host <paramref name="isAllowed"/> admits (it is given the host as
    /// <see cref="Normalised"/> makes it). Throws <see cref="DestinationRefusedException"/> when no address may be
    /// reached; its message names the host only, never the port, path or query.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, Func<string, bool> isAllowed, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var host = Normalised(endPoint.Host);
        IPAddress[] addresses = isAllowed(host) ? await AddressesAsync(host, cancellationToken)
            : IsLocalName(host) ? []
            : Array.FindAll(await AddressesAsync(host, cancellationToken), address => !IsForbidden(address));
        if (addresses.Length == 0)
        {
            throw new DestinationRefusedException($"The host {host} has no address the service may connect to.");
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

    /// <summary>A handler whose every connection is made by <paramref name="connect"/>.</summary>
    /// <remarks>
    /// Redirects are not followed, so the other side cannot choose where the next request goes. A proxy would turn the
    /// judged endpoint into the proxy's, so none is used. A pooled connection keeps the address it was opened to, so
    /// connections are renewed every two minutes to see DNS changes. Responses are not decompressed here: a small
    /// compressed body can expand without limit, so a caller that wants them decompressed does it within its own cap.
    /// </remarks>
    public static SocketsHttpHandler Handler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        ConnectCallback = connect,
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
    public static string Normalised(string host)
    {
        var name = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return (name.EndsWith('.') ? name[..^1] : name).ToLowerInvariant();
    }

    /// <summary>Names that only mean something on this machine or its network, and IPv6 literals with a zone id (<c>%eth0</c>).</summary>
    public static bool IsLocalName(string host) =>
        host == "localhost" || host.Contains('%') || LocalSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>The addresses of <paramref name="host"/>: itself when it is an address, else what it resolves to.</summary>
    public async Task<IPAddress[]> AddressesAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);

    private static IPNetwork[] Networks(params string[] prefixes) => Array.ConvertAll(prefixes, prefix => IPNetwork.Parse(prefix));
}
