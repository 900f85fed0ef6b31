using System.Net;
using System.Net.Sockets;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Webhooks;

/// <summary>
/// Decides which destinations webhooks may reach, so that a subscription cannot make the service send requests into
/// its own network: every address <see cref="OutboundGuard"/> refuses, unless the host is listed in
/// <see cref="WebhooksOptions.AllowedHosts"/>. A URL is judged when it is saved (<see cref="RefusalAsync"/>) and every
/// connection is judged again when it is made (<see cref="ConnectAsync"/>), which is the check that protects the
/// requests (DNS rebinding).
/// </summary>
/// <remarks>
/// Both checks read the host as <see cref="Uri"/> parses it, which is also how <see cref="HttpClient"/> reads the
/// URL it sends to, so no spelling of an address can mean one thing to the check and another to the connection.
/// The settings are read on each call, so a changed allow list applies to the next save and the next connection.
/// </remarks>
public sealed class WebhookDestinations(OutboundGuard guard, IOptionsMonitor<WebhooksOptions> options)
{

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

        var host = OutboundGuard.Normalised(uri.IdnHost);
        if (IsAllowed(host, settings))
        {
            return null;
        }

        var notPublic = Localized.Text(
            "Địa chỉ webhook trỏ tới máy cục bộ, mạng nội bộ hoặc một địa chỉ không công khai.",
            "The webhook address points to this machine, a local network or another non-public address.");
        if (OutboundGuard.IsLocalName(host))
        {
            return notPublic;
        }

        if (IPAddress.TryParse(host, out var literal))
        {
            return OutboundGuard.IsForbidden(literal) ? notPublic : null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await guard.AddressesAsync(host, cancellationToken);
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

        return addresses.Any(OutboundGuard.IsForbidden) ? notPublic : null;
    }

    /// <summary>
    /// Connects a webhook request (<see cref="SocketsHttpHandler.ConnectCallback"/>) as <see cref="OutboundGuard"/>
    /// does, admitting the hosts of <see cref="WebhooksOptions.AllowedHosts"/>.
    /// </summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        guard.ConnectAsync(context, host => IsAllowed(host, options.CurrentValue), cancellationToken);

    /// <summary>
    /// The handler webhook requests go through (<see cref="OutboundGuard.Handler"/>): every connection is judged by
    /// <see cref="ConnectAsync"/>; the service only reads a receiver's status and an excerpt, never decompressed.
    /// </summary>
    public static SocketsHttpHandler Handler(WebhookDestinations destinations) => OutboundGuard.Handler(destinations.ConnectAsync);

    /// <summary>
    /// Whether the allow list names <paramref name="host"/>. An address entry admits that address (however the URL
    /// spells it in IPv4, since <see cref="Uri"/> rewrites every spelling to one), not its IPv4-mapped form nor the
    /// names that resolve to it; a name entry admits that name only.
    /// </summary>
    private static bool IsAllowed(string host, WebhooksOptions settings) =>
        settings.AllowedHosts.Any(entry => Canonical(OutboundGuard.Normalised(entry.Trim())) == Canonical(host));

    private static string Canonical(string host) => IPAddress.TryParse(host, out var address) ? address.ToString() : host;
}
