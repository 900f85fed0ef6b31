using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// A value the API cannot read is a validation problem naming the field and saying what was expected, in the
/// caller's language, and changes nothing; what a GET returns can be sent back.
/// </summary>
public sealed class UnreadableValueTests : ApiTest
{
    private const string Valid = "\"title\":\"Tin thử\",\"body\":\"<p>Nội dung.</p>\"";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json, string language)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.SendAsync(request);
    }

    [TestCase("{" + Valid + ",\"tags\":[\"Khoa giáo\",1]}", "tags[1]", "must be a string (the name), or an object with a name", "phải là một chuỗi (tên)")]
    [TestCase("{" + Valid + ",\"tags\":\"Khoa giáo\"}", "tags", "must be an array of names", "phải là một mảng các tên")]
    [TestCase("{\"title\":5,\"body\":\"<p>x</p>\"}", "title", "must be a string.", "phải là một chuỗi.")]
    [TestCase("{" + Valid + ",\"eventId\":\"tọa-đàm\"}", "eventId", "must be a UUID such as", "phải là một UUID")]
    [TestCase("{" + Valid + ",\"featured\":\"yes\"}", "featured", "must be true or false.", "phải là true hoặc false.")]
    [TestCase("{" + Valid + ",\"featured\":true,\"featuredOrder\":1.5}", "featuredOrder", "must be a whole number.", "phải là một số nguyên.")]
    [TestCase("{" + Valid + ",\"featured\":true,\"featuredUntil\":\"2023-08-23T00:00:00\"}", "featuredUntil", "must be a timestamp with an offset", "phải là một thời điểm có múi giờ")]
    [TestCase("{" + Valid + ",\"source\":\"Báo Hà Nam\"}", "source", "must be an object.", "phải là một đối tượng.")]
    public async Task A_body_value_of_the_wrong_shape_names_the_field_and_what_it_must_be(string json, string field, string english, string vietnamese)
    {
        using var admin = Admin();
        var before = await QueryAsync(db => db.Articles.CountAsync());

        var inEnglish = await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/articles", json, "en"), field);
        var inVietnamese = await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/articles", json, "vi"), field);

        Assert.Multiple(async () =>
        {
            Assert.That(inEnglish["errors"]![field]![0]!.GetValue<string>(), Does.Contain(english));
            Assert.That(inVietnamese["errors"]![field]![0]!.GetValue<string>(), Does.Contain(vietnamese));
            Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(before), "nothing was created");
        });
    }

    [Test]
    public async Task An_event_kind_that_does_not_exist_lists_the_kinds_that_do()
    {
        using var admin = Admin();

        var problem = await AssertValidationProblemAsync(await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/events",
            "{\"title\":\"Hội nghị\",\"kind\":\"meeting\",\"startsAt\":\"2023-08-16T14:00:00+07:00\"}", "en"), "kind");

        Assert.Multiple(async () =>
        {
            Assert.That(problem["errors"]!["kind"]![0]!.GetValue<string>(), Is.EqualTo("must be one of: toaDam, hoiNghi, hoiThao, le, khac."));
            Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);
        });
    }

    [TestCase("/api/v1/articles?from=yesterday", "from", "must be a date (2023-08-16) or a timestamp")]
    [TestCase("/api/v1/articles?limit=twenty", "limit", "must be a whole number.")]
    [TestCase("/api/v1/events?from=h%C3%B4m-qua", "from", "must be a date (2023-08-16) or a timestamp")]
    public async Task A_query_value_that_cannot_be_read_names_its_parameter(string path, string parameter, string english)
    {
        var problem = await AssertValidationProblemAsync(await SendAsync(Anonymous(), HttpMethod.Get, path, null, "en"), parameter);

        Assert.That(problem["errors"]![parameter]![0]!.GetValue<string>(), Does.Contain(english));
    }

    [Test]
    public async Task What_a_management_GET_returns_can_be_sent_back_as_the_PUT()
    {
        using var admin = Admin();
        var reported = await EventBuilder.CreateEventAsync(admin, "Tọa đàm khoa giáo");
        var created = await ArticleBuilder.CreateAsync(admin, new
        {
            title = "Tin đọc rồi gửi lại",
            summary = "Tóm tắt.",
            body = "<figure><img src=\"/media/2023/08/a.jpg\" alt=\"Ảnh\" width=\"800\" height=\"533\"><figcaption>Ảnh</figcaption></figure>",
            coverImageUrl = "/media/2023/08/bia.jpg",
            category = "Hoạt động khoa giáo",
            tags = new[] { "Khoa giáo", "Tọa đàm" },
            eventId = EventBuilder.Id(reported),
            source = new { name = "Báo Hà Nam", url = "https://baohanam.example/tin/1", externalId = "bhn-1" },
            featured = true,
            featuredOrder = 2,
        });
        var path = $"/api/v1/admin/articles/{created["id"]}";
        var read = await admin.GetAsync(path);
        var text = await read.Content.ReadAsStringAsync();

        using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await admin.SendAsync(put);

        var before = JsonNode.Parse(text)!.AsObject();
        var after = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            foreach (var field in new[] { "title", "summary", "body", "coverImageUrl", "category", "tags", "eventId", "source", "featured", "featuredOrder" })
            {
                Assert.That(JsonNode.DeepEquals(after[field], before[field]), Is.True, $"{field}: {before[field]?.ToJsonString()} became {after[field]?.ToJsonString()}");
            }
        });
    }
}
