using System.Net.Http.Json;
using System.Text;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Http;

public sealed class HostileInputTests : ApiTest
{
    [TestCase("/api/v1/articles?q=%00")]
    [TestCase("/api/v1/articles?tag=a%00b")]
    [TestCase("/api/v1/people?q=%00")]
    public async Task A_NUL_character_in_the_path_or_query_is_a_400_problem(string url)
    {
        using var anonymous = Anonymous();
        await AssertProblemAsync(await anonymous.GetAsync(url), 400);
    }

    [Test]
    public async Task A_NUL_character_in_a_body_is_a_400_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/articles",
            new StringContent("{\"title\":\"Bài\\u0000\",\"body\":\"<p>x</p>\"}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, 400);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_timestamp_without_an_offset_is_a_400_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/events", new StringContent(
            "{\"kind\":\"toaDam\",\"title\":\"Tọa đàm\",\"startsAt\":\"2023-08-16T14:00:00\"}", Encoding.UTF8, "application/json"));

        await AssertValidationProblemAsync(response, "startsAt");
        Assert.That(await QueryAsync(db => db.Events.CountAsync()), Is.Zero);

        var withOffset = await admin.PostAsync("/api/v1/admin/events", new StringContent(
            "{\"kind\":\"toaDam\",\"title\":\"Tọa đàm\",\"startsAt\":\"2023-08-16T14:00:00+07:00\"}", Encoding.UTF8, "application/json"));
        Assert.That((int)withOffset.StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task A_null_position_is_a_validation_problem_and_writes_nothing()
    {
        using var admin = Admin();
        var response = await admin.PostAsync("/api/v1/admin/people",
            new StringContent("{\"fullName\":\"Trần Văn A\",\"positions\":[null]}", Encoding.UTF8, "application/json"));

        await AssertValidationProblemAsync(response, "positions[0]");
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Made_up_credentials_do_not_escape_the_management_rate_limit()
    {
        await using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("Http:ManagementRequestsPerMinute", "3"));
        using var client = limited.CreateClient();
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/articles");
            request.Headers.TryAddWithoutValidation("Authorization", $"ApiKey kg_guess_{i}");
            statuses.Add((int)(await client.SendAsync(request)).StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 401, 401, 401, 429, 429 }));
    }
}
