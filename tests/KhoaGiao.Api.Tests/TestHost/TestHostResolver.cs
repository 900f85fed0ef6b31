using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Tests.TestHost;

/// <summary>
/// The webhook host resolver of the test hosts: no real DNS, only the names listed here. <see cref="ReceiverHost"/>
/// names the loopback receivers (and is admitted by the tests' <c>Webhooks:AllowedHosts</c>); the others stand for
/// names an attacker controls.
/// </summary>
public sealed class TestHostResolver : IHostResolver
{
    public const string ReceiverHost = "webhooks.test";

    /// <summary>A name that resolves to loopback, as a rebinding attacker's would at connect time.</summary>
    public const string LoopbackName = "loopback.attacker.test";

    /// <summary>A name that resolves to one public and one private address.</summary>
    public const string MixedName = "mixed.attacker.test";

    /// <summary>A name that resolves to a public address only.</summary>
    public const string PublicName = "public.example.test";

    /// <summary>A name whose addresses a test changes, as an attacker's DNS would between save and send.</summary>
    public const string RebindingName = "rebind.attacker.test";

    private static readonly ConcurrentDictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        [ReceiverHost] = [IPAddress.Loopback],
        [LoopbackName] = [IPAddress.Loopback],
        [MixedName] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.1.2.3")],
        [PublicName] = [IPAddress.Parse("93.184.216.34")],
        [RebindingName] = [IPAddress.Parse("93.184.216.34")],
    };

    /// <summary>Makes <see cref="RebindingName"/> resolve to these addresses from now on.</summary>
    public static void Rebind(params IPAddress[] addresses) => Names[RebindingName] = addresses;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Names.TryGetValue(host.TrimEnd('.'), out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
