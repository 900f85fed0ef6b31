using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KhoaGiao.Api.Time;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Counters;

/// <summary>
/// Who a hit comes from, without storing who that is: the client's own random visitor id, or else a keyed hash
/// of IP address and User-Agent under a salt that changes every day (Asia/Ho_Chi_Minh), so the same device is one
/// visitor within a day and cannot be followed across days. Also tells crawlers apart by User-Agent.
/// </summary>
public sealed class VisitorIdentity
{
    private readonly byte[] _key;
    private readonly string[] _crawlers;

    public VisitorIdentity(IOptions<CountersOptions> options, ILogger<VisitorIdentity> logger)
    {
        var configured = options.Value.VisitorHashKey;
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogWarning("Counters:VisitorHashKey is not set; using a random key, so processes will not agree on visitors without a client id.");
            _key = RandomNumberGenerator.GetBytes(32);
        }
        else
        {
            _key = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        }

        _crawlers = options.Value.CrawlerUserAgents;
    }

    public bool IsCrawler(string? userAgent) =>
        !string.IsNullOrEmpty(userAgent) && _crawlers.Any(c => userAgent.Contains(c, StringComparison.OrdinalIgnoreCase));

    /// <summary>The visitor of a hit at <paramref name="now"/>: the client id when given, else the daily keyed hash.</summary>
    public Guid Of(Guid? clientId, string? ipAddress, string? userAgent, DateTimeOffset now)
    {
        if (clientId is { } id && id != Guid.Empty)
        {
            return id;
        }

        Span<byte> salt = stackalloc byte[32];
        Span<byte> day = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(day, VietnamTime.DateOf(now).DayNumber);
        HMACSHA256.HashData(_key, day, salt);

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{ipAddress}\n{userAgent}"), hash);
        return new Guid(hash[..16]);
    }
}
