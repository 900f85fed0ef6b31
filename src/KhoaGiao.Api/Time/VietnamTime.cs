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

    /// <summary>The Monday of the day's week: weeks start on Monday.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
