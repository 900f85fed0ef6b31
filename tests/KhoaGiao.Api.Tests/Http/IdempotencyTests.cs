using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KhoaGiao.Api.Features.Idempotency;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KhoaGiao.Api.Tests.Http;

public sealed class IdempotencyTests : ApiTest
{
    private const string Articles = "/api/v1/admin/articles";

    [Test]
    public async Task A_retried_create_replays_the_first_response_and_creates_nothing_twice()
    {
        using var admin = Raw();

        var first = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Tọa đàm khoa giáo"), "tao-bai-1"));
        var retry = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Tọa đàm khoa giáo"), "tao-bai-1"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location).And.Not.Null);
        Assert.That(retry.Headers.ETag, Is.EqualTo(first.Headers.ETag).And.Not.Null);
        Assert.That(retry.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync()), Is.EqualTo(1));
        var stored = await QueryAsync(db => db.IdempotencyRecords.SingleAsync());
        Assert.That((stored.Key, stored.StatusCode, stored.CompletedAt.HasValue), Is.EqualTo(("tao-bai-1", 201, true)));
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_a_422_problem_and_creates_nothing()
    {
        using var admin = Raw();
        Assert.That((await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài thứ nhất"), "khoa-chung"))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));

        var problem = await AssertProblemAsync(await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài thứ hai"), "khoa-chung")), 422);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
        Assert.That(await QueryAsync(db => db.Articles.Select(a => a.Title).ToListAsync()), Is.EqualTo(new[] { "Bài thứ nhất" }));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.Select(r => r.StatusCode).ToListAsync()), Is.EqualTo(new int?[] { 201 }));
    }

    [Test]
    public async Task The_same_key_on_another_route_is_a_422_problem_in_the_request_language_and_creates_nothing()
    {
        using var admin = Raw();
        Assert.That((await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "khoa-chung"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var request = Post("/api/v1/admin/people", new { fullName = "Nguyễn Hải Long" }, "khoa-chung");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var problem = await AssertProblemAsync(await admin.SendAsync(request), 422);

        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Unprocessable content"));
        Assert.That(await QueryAsync(db => db.People.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task A_retry_while_the_first_request_runs_is_a_409_problem_and_the_first_response_is_kept()
    {
        using var admin = Raw();
        var created = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài chờ duyệt"), key: null));
        var id = (await ReadJsonAsync(created))["id"]!.GetValue<Guid>();
        var etag = created.Headers.ETag!;

        // The test holds the article's row lock, so the first publish claims its key and then waits in the handler
        // (which locks the row for its write) until the test lets it go.
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM articles WHERE id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", id);
            await lockRow.ExecuteNonQueryAsync();
        }

        var running = admin.SendAsync(Publish(id, etag, "dang-xuat-ban"));
        await WaitUntilAsync(() => QueryAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == "dang-xuat-ban" && r.StatusCode == null)));

        var problem = await AssertProblemAsync(await admin.SendAsync(Publish(id, etag, "dang-xuat-ban")), 409);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)), Is.EqualTo(1));

        await transaction.RollbackAsync();
        var first = await running;
        var replay = await admin.SendAsync(Publish(id, etag, "dang-xuat-ban"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(replay.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(await QueryAsync(db => db.ArticleRevisions.CountAsync(r => r.ArticleId == id)), Is.EqualTo(2));
    }

    [Test]
    public async Task Two_callers_may_use_the_same_key_independently()
    {
        using var admin = Raw();
        using var editor = await UserBuilder.SignedInAsync(Factory, admin, Roles.Editor);
        using var integration = await WithScopesAsync(Scopes.ContentWrite);

        var byAdmin = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "khoa-1"));
        var byEditor = await editor.Client.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "khoa-1"));
        var byIntegration = await integration.SendAsync(Post(Articles, ArticleBuilder.Request("Bài khác"), "khoa-1"));

        Assert.That(new[] { byAdmin.StatusCode, byEditor.StatusCode, byIntegration.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(new[] { byAdmin, byEditor, byIntegration }.Select(r => r.Headers.Contains("Idempotent-Replayed")), Is.All.False);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(3));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.Select(r => r.Caller).Distinct().CountAsync()), Is.EqualTo(3));
    }

    [TestCase("khóa-tiếng-việt")]
    [TestCase("tab\tinside")]
    [TestCase(null)]
    public async Task An_invalid_key_is_a_400_problem_and_nothing_is_stored(string? key)
    {
        using var admin = Raw();
        var request = Post(Articles, ArticleBuilder.Request("Bài"), key: null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key ?? new string('k', IdempotencyRecordConfiguration.KeyMaxLength + 1));

        var problem = await AssertProblemAsync(await admin.SendAsync(request), 400);

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task An_empty_key_is_a_400_problem_and_nothing_is_stored()
    {
        // HttpClient drops a header without a value; a server receives one, so the request is built as it arrives.
        var context = await Factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = Articles;
            http.Request.Headers.Authorization = "ApiKey " + KhoaGiaoApiFactory.BootstrapAdminKey;
            http.Request.Headers["Idempotency-Key"] = "";
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(ArticleBuilder.Request("Bài"), Json));
        });

        Assert.That(context.Response.StatusCode, Is.EqualTo(400));
        Assert.That(context.Response.ContentType, Does.StartWith("application/problem+json"));
        Assert.That(await new StreamReader(context.Response.Body).ReadToEndAsync(), Does.Contain("Idempotency-Key"));
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Two_key_headers_are_a_400_problem_and_nothing_is_stored()
    {
        using var admin = Raw();
        var request = Post(Articles, ArticleBuilder.Request("Bài"), key: "khoa-1");
        request.Headers.Add("Idempotency-Key", "khoa-2");

        await AssertProblemAsync(await admin.SendAsync(request), 400);

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task The_longest_allowed_key_is_accepted()
    {
        using var admin = Raw();
        var key = new string('k', IdempotencyRecordConfiguration.KeyMaxLength - 2) + " ~";

        Assert.That((await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), key))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.Select(r => r.Key).SingleAsync()), Is.EqualTo(key));
    }

    [Test]
    public async Task A_validation_problem_is_not_kept_so_the_corrected_request_runs_under_the_same_key()
    {
        using var admin = Raw();

        await AssertValidationProblemAsync(await admin.SendAsync(Post(Articles, ArticleBuilder.Request(""), "sua-roi-gui")), "title");
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);

        var corrected = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài đã sửa"), "sua-roi-gui"));
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(corrected.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task Other_client_errors_are_kept_and_replayed()
    {
        using var admin = Raw();
        var missing = Guid.NewGuid();

        var first = await AssertProblemAsync(await admin.SendAsync(Publish(missing, new EntityTagHeaderValue("\"1\""), "bai-khong-co")), 404);
        var retry = await admin.SendAsync(Publish(missing, new EntityTagHeaderValue("\"1\""), "bai-khong-co"));

        var replayed = await AssertProblemAsync(retry, 404);
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(replayed.ToJsonString(), Is.EqualTo(first.ToJsonString()));
    }

    [Test]
    public async Task A_server_error_is_not_kept_and_the_retry_runs()
    {
        using var admin = Raw();
        var organisation = new { name = "Ban Tuyên giáo Tỉnh ủy", shortName = "BTG Tỉnh ủy" };
        await ExecuteSqlAsync("""
            CREATE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated failure'; END $$;
            CREATE TRIGGER test_refuse_insert BEFORE INSERT ON organisations FOR EACH ROW EXECUTE FUNCTION test_refuse_insert();
            """);
        try
        {
            await AssertProblemAsync(await admin.SendAsync(Post("/api/v1/admin/organisations", organisation, "to-chuc-1")), 500);
        }
        finally
        {
            await ExecuteSqlAsync("DROP TRIGGER test_refuse_insert ON organisations; DROP FUNCTION test_refuse_insert();");
        }

        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);

        var retry = await admin.SendAsync(Post("/api/v1/admin/organisations", organisation, "to-chuc-1"));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await QueryAsync(db => db.Organisations.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task A_rate_limited_request_claims_nothing()
    {
        await using var limited = Factory.WithWebHostBuilder(builder => builder.UseSetting("Http:ManagementRequestsPerMinute", "1"));
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        Assert.That((await client.GetAsync(Articles)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var refused = await client.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "qua-gioi-han"));

        await AssertProblemAsync(refused, 429);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task An_abandoned_claim_is_taken_over_after_the_timeout_and_not_before()
    {
        using var admin = Raw();
        var request = ArticleBuilder.Request("Bài");
        Assert.That((await admin.SendAsync(Post(Articles, request, "hoan-thanh"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var done = await QueryAsync(db => db.IdempotencyRecords.SingleAsync());
        var now = Factory.Clock.GetUtcNow();

        // Claims of the same request left running by a process that crashed: one long ago, one that may still finish.
        await QueryAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Caller = done.Caller, Key = "bi-bo-do", RequestHash = done.RequestHash, CreatedAt = now.AddMinutes(-3) });
            db.IdempotencyRecords.Add(new IdempotencyRecord { Caller = done.Caller, Key = "con-chay", RequestHash = done.RequestHash, CreatedAt = now.AddSeconds(-30) });
            return await db.SaveChangesAsync();
        });

        var takenOver = await admin.SendAsync(Post(Articles, request, "bi-bo-do"));
        await AssertProblemAsync(await admin.SendAsync(Post(Articles, request, "con-chay")), 409);

        Assert.That(takenOver.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(takenOver.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(2));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.Where(r => r.Key == "bi-bo-do").Select(r => r.StatusCode).SingleAsync()), Is.EqualTo(201));
    }

    [Test]
    public async Task A_key_older_than_the_retention_runs_the_request_again()
    {
        using var admin = Raw();
        Assert.That((await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "hom-qua"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        Factory.Clock.Advance(TimeSpan.FromHours(23));
        var withinRetention = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "hom-qua"));
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var afterRetention = await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài khác"), "hom-qua"));

        Assert.That(withinRetention.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(afterRetention.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(afterRetention.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(2));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task The_purge_deletes_keys_older_than_the_retention_only()
    {
        using var admin = Raw();
        await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài cũ"), "cu"));
        Factory.Clock.Advance(TimeSpan.FromHours(23));
        await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài mới"), "moi"));
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var purged = await Factory.Services.GetRequiredService<IdempotencyPurger>().PurgeAsync(CancellationToken.None);

        Assert.That(purged, Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync()), Is.EqualTo(new[] { "moi" }));
    }

    [Test]
    public async Task A_forbidden_request_claims_nothing()
    {
        using var reader = await WithScopesAsync(Scopes.ContentRead);

        await AssertProblemAsync(await reader.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), "khong-du-quyen")), 403);

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.Zero);
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task Requests_without_the_header_and_other_methods_are_not_recorded()
    {
        using var admin = Raw();
        await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), key: null));
        await admin.SendAsync(Post(Articles, ArticleBuilder.Request("Bài"), key: null));
        using var list = new HttpRequestMessage(HttpMethod.Get, Articles);
        list.Headers.Add("Idempotency-Key", "doc");
        Assert.That((await admin.SendAsync(list)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await QueryAsync(db => db.Articles.CountAsync()), Is.EqualTo(2));
        Assert.That(await QueryAsync(db => db.IdempotencyRecords.CountAsync()), Is.Zero);
    }

    private static HttpRequestMessage Post(string path, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }

    private static HttpRequestMessage Publish(Guid id, EntityTagHeaderValue etag, string key)
    {
        var request = Post($"{Articles}/{id}/publish", new { }, key);
        request.Headers.IfMatch.Add(etag);
        return request;
    }

    private static async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits for a state another request reaches on its own, checking it rather than sleeping a fixed time.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the state was not reached in time");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
