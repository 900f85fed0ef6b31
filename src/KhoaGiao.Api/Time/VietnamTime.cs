namespace KhoaGiao.Api.Time;

/// <summary>
/// Asia/Ho_Chi_Minh (UTC+7, no daylight saving): the zone in which "today", "this week" and an event's date
/// are meant. Times are stored in UTC; this turns them into the calendar dates readers see.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Whether an ISO 8601 timestamp names its offset (<c>+07:00</c>, <c>-05:00</c> or <c>Z</c>) after the time.</summary>
    public static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var rest = text.AsSpan(time);
        return rest.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || rest.LastIndexOfAny('+', '-') > 0;
    }

    /// <summary>The Monday of the day's week: weeks start on Monday.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
