using KhoaGiao.Api.Time;

namespace KhoaGiao.Api.Tests.Time;

public sealed class VietnamTimestampTests
{
    [TestCase("2023-08-16", "2023-08-15T17:00:00Z")]
    [TestCase("2023-08-16T14:00", "2023-08-16T07:00:00Z")]
    [TestCase("2023-08-16T14:00:00+07:00", "2023-08-16T07:00:00Z")]
    [TestCase("2023-08-16T07:00:00Z", "2023-08-16T07:00:00Z")]
    [TestCase("2023-08-16T02:00:00-05:00", "2023-08-16T07:00:00Z")]
    [TestCase("9999-12-31T23:59:59", "9999-12-31T16:59:59Z")]
    public void TryParse_reads_a_bare_time_as_Ho_Chi_Minh_time_and_keeps_a_given_offset(string text, string utc)
    {
        Assert.That(VietnamTimestamp.TryParse(text, null, out var parsed), Is.True);
        Assert.That(parsed.ToUniversalTime(), Is.EqualTo(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("")]
    [TestCase("hôm nay")]
    [TestCase("2023-13-45")]
    [TestCase("0001-01-01")]
    [TestCase("0001-01-01T00:00")]
    [TestCase("0001-01-01T06:59:59")]
    [TestCase("0001-01-01T00:00:00+07:00")]
    [TestCase("9999-12-31T23:59:59-07:00")]
    [TestCase("99999-01-01")]
    public void TryParse_refuses_what_is_not_a_timestamp(string text) =>
        Assert.That(VietnamTimestamp.TryParse(text, null, out _), Is.False);

    [TestCase("2023-08-16T14:00:00+07:00", true)]
    [TestCase("2023-08-16T07:00:00Z", true)]
    [TestCase("2023-08-16T14:00:00", false)]
    [TestCase("2023-08-16", false)]
    public void HasOffset_looks_after_the_time(string text, bool expected) =>
        Assert.That(VietnamTime.HasOffset(text), Is.EqualTo(expected));
}
