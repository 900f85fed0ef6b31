namespace KhoaGiao.Api.Time;

/// <summary>Instants as PostgreSQL's <c>timestamptz</c> keeps them.</summary>
public static class StoredTime
{
    /// <summary>
    /// In UTC (the only offset Npgsql writes) and cut to the microsecond (PostgreSQL's precision), so a time compared
    /// with the stored one, or sent again, equals it.
    /// </summary>
    public static DateTimeOffset AsStored(this DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
