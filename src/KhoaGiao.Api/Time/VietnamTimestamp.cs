using System.Globalization;

namespace KhoaGiao.Api.Time;

/// <summary>
/// A timestamp from a query string (<c>from</c>, <c>to</c>). With an offset or <c>Z</c> it means that instant; without
/// one (<c>2023-08-16</c>, <c>2023-08-16T14:00</c>) it is read as Asia/Ho_Chi_Minh time, which is what readers of a
/// Vietnamese portal mean, rather than in whatever zone the server runs.
/// </summary>
public readonly record struct VietnamTimestamp(DateTimeOffset Value) : IParsable<VietnamTimestamp>, IComparable<VietnamTimestamp>
{
    public static bool TryParse(string? s, IFormatProvider? provider, out VietnamTimestamp result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        if (VietnamTime.HasOffset(s))
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            {
                return false;
            }

            result = new VietnamTimestamp(instant);
            return true;
        }

        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = VietnamTime.Zone.GetUtcOffset(local);
        // A local time within the offset of the calendar's ends (0001-01-01T00:00) has no UTC instant: invalid, not a throw.
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        result = new VietnamTimestamp(new DateTimeOffset(local, offset));
        return true;
    }

    public static VietnamTimestamp Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result) ? result : throw new FormatException($"'{s}' is not a timestamp.");

    public int CompareTo(VietnamTimestamp other) => Value.CompareTo(other.Value);

    public DateTimeOffset ToUniversalTime() => Value.ToUniversalTime();
}
