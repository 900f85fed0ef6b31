using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>The suite-wide watch for revealing responses reads every response, recognises what it looks for, and not ordinary content.</summary>
public sealed class LeakWatchTests : ApiTest
{
    [Test]
    public async Task Every_response_of_the_suites_instances_passes_the_watch()
    {
        using var anonymous = Anonymous();
        var before = LeakWatch.Inspected;

        await anonymous.GetAsync("/api/v1/articles");
        await anonymous.GetAsync("/api/v1/articles/khong-co-bai-nay");

        Assert.That(LeakWatch.Inspected - before, Is.GreaterThanOrEqualTo(2));
    }

    [TestCase("{\"detail\":\"   at KhoaGiao.Api.Features.Articles.ArticleWrites.EditAsync(Guid id)\"}")]
    [TestCase("--- End of stack trace from previous location ---")]
    [TestCase("{\"title\":\"System.InvalidOperationException: Sequence contains no elements\"}")]
    [TestCase("Npgsql.PostgresException (0x80004005): 23505")]
    [TestCase("{\"detail\":\"SELECT a.id, a.slug FROM articles AS a WHERE a.id = @p\"}")]
    [TestCase("duplicate key value violates unique constraint \"ix_articles_slug\"")]
    [TestCase("{\"detail\":\"in /home/build/src/KhoaGiao.Api/Program.cs:line 42\"}")]
    [TestCase("C:\\src\\KhoaGiao.Api\\Program.cs")]
    public void A_revealing_response_is_recognised(string body) =>
        Assert.That(LeakWatch.LeakIn(body), Is.Not.Null);

    [TestCase("{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.6.1\",\"title\":\"Lỗi máy chủ\",\"status\":500,\"detail\":\"Đã có lỗi xảy ra. Vui lòng thử lại sau.\",\"traceId\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}")]
    [TestCase("{\"title\":\"Tọa đàm khoa giáo\",\"body\":\"<p>Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm. Select from the best at the meeting.</p>\",\"slug\":\"toa-dam\"}")]
    [TestCase("{\"errors\":{\"source.externalId\":[\"Mã '12345' khác với mã trong đường dẫn.\"]},\"field\":\"source.externalId\"}")]
    [TestCase("{\"coverImageUrl\":\"/anh/toa-dam.jpg\",\"url\":\"https://baohanam.com.vn/chinh-tri/hoi-thao-12346.html\"}")]
    [TestCase("{\"errors\":{\"limit\":[\"Giá trị 'UNx:\\u0026\\u0027' không đọc được.\"]}}")]
    public void Ordinary_content_and_problems_are_not_taken_for_leaks(string body) =>
        Assert.That(LeakWatch.LeakIn(body), Is.Null);
}
