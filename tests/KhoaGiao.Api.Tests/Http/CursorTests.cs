using KhoaGiao.Api.Http;

namespace KhoaGiao.Api.Tests.Http;

public sealed class CursorTests
{
    [Test]
    public void Encode_then_decode_gives_back_the_position_and_id()
    {
        var cursor = new Cursor(new DateTimeOffset(2023, 8, 16, 11, 0, 0, 123, TimeSpan.Zero), Guid.CreateVersion7());
        Assert.That(Cursor.TryDecode(cursor.Encode(), out var decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(cursor));
    }

    [TestCase("")]
    [TestCase("not a cursor")]
    [TestCase("AAAA")]
    [TestCase("%%%%")]
    public void TryDecode_rejects_text_that_is_not_a_cursor(string text) =>
        Assert.That(Cursor.TryDecode(text, out _), Is.False);

    [Test]
    public void Encoded_cursor_is_url_safe()
    {
        var encoded = new Cursor(DateTimeOffset.UtcNow, Guid.NewGuid()).Encode();
        Assert.That(encoded, Does.Match("^[A-Za-z0-9_-]+$"));
    }
}
