using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Tests.TestHost;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Real values for the fuzz test to mix with random ones, so that generated requests reach items that exist: the ids,
/// slugs and tokens of a little content seeded through the management API, and the cursors and ETags the service
/// hands out while it is fuzzed. Which pool feeds a parameter or a body property is decided by its name.
/// </summary>
public sealed class FuzzData
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _pools = new();

    public string? AccessToken { get; private set; }

    public string? StaffEmail { get; private set; }

    /// <summary>The values of a pool at this moment (pools grow while the test runs).</summary>
    public IReadOnlyList<string> Values(string pool) => _pools.TryGetValue(pool, out var values) ? values.ToArray() : [];

    public void Add(string pool, string? value)
    {
        var values = _pools.GetOrAdd(pool, _ => new ConcurrentQueue<string>());

        // Bounded, so a pool the service keeps feeding (cursors, ETags) stays cheap to sample.
        if (value is not null && values.Count < 64 && !values.Contains(value))
        {
            values.Enqueue(value);
        }
    }

    /// <summary>The pool that holds real values for a path parameter, by the resource it names.</summary>
    public static string? PoolForPath(FuzzOperation operation, string name) => (operation.ResourceOf(name), name) switch
    {
        ("articles", "idOrSlug") => "article.idOrSlug",
        ("events", "idOrSlug") => "event.idOrSlug",
        ("articles", "id") => "article.id",
        ("events", "id") => "event.id",
        ("people", "id") => "person.id",
        ("organisations", "id") => "organisation.id",
        ("users", "id") => "user.id",
        ("api-keys", "id") => "apiKey.id",
        ("webhooks", "id") => "webhook.id",
        (_, "participationId") => "participation.id",
        (_, "number") => "revision.number",
        (_, "source") => "source.name",
        (_, "externalId") => "source.externalId",
        _ => null,
    };

    /// <summary>The pool an item created by this operation joins: the resource its path ends with.</summary>
    public static string? PoolForCreated(FuzzOperation operation) =>
        operation.Path.Split('/').LastOrDefault(segment => !segment.StartsWith('{')) switch
        {
            "articles" or "by-source" => "article.id",
            "events" => "event.id",
            "people" => "person.id",
            "organisations" => "organisation.id",
            "participations" => "participation.id",
            "users" => "user.id",
            "api-keys" => "apiKey.id",
            "webhooks" => "webhook.id",
            _ => null,
        };

    /// <summary>The pool that holds real values for a query parameter, header or body property of this name.</summary>
    public static string? PoolForName(string name) => name switch
    {
        "eventId" => "event.id",
        "articleId" => "article.id",
        "personId" or "duplicateId" => "person.id",
        "organisationId" or "organiserId" or "parentId" or "organiser" => "organisation.id",
        "category" => "category.slug",
        "tag" or "tags" => "tag.slug",
        "slug" => "slug",
        "source" => "source.name",
        "name" => "name",
        "externalId" => "source.externalId",
        "cursor" or "since" => "cursor",
        "preview" => "previewToken",
        "refreshToken" => "refreshToken",
        "email" => "user.email",
        "password" or "newPassword" => "password",
        "roles" => "role",
        "scopes" => "scope",
        "version" => "article.version",
        _ => null,
    };

    /// <summary>
    /// Seeds organisations, people, events (one published, with a participant), articles (published with a category,
    /// tags, an event, a source and a renamed slug; a draft with a preview token; one in review), a page view and an
    /// API key; with <paramref name="withAccounts"/> also staff accounts and a signed-in session (they cost a password
    /// hash each, so only the operations on accounts and sign-in get them). Independent parts are seeded side by side.
    /// </summary>
    public static async Task<FuzzData> SeedAsync(KhoaGiaoApiFactory factory, bool withAccounts)
    {
        var data = new FuzzData();
        using var admin = factory.CreateDefaultClient(new IfMatchHandler());
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KhoaGiaoApiFactory.BootstrapAdminKey);
        await Task.WhenAll(
            SeedEventsAndPublishedArticleAsync(admin, data),
            SeedUnpublishedArticlesAsync(admin, data),
            withAccounts ? SeedAccountsAsync(admin, data) : Task.CompletedTask);

        data.Add("source.name", "Báo Hà Nam");
        data.Add("source.externalId", "12345");
        data.Add("name", "Báo Hà Nam");
        foreach (var number in new[] { "1", "2", "3" })
        {
            data.Add("revision.number", number);
        }

        foreach (var role in new[] { "admin", "editor", "author" })
        {
            data.Add("role", role);
        }

        foreach (var scope in new[] { "content:read", "content:write", "content:publish", "admin" })
        {
            data.Add("scope", scope);
        }

        data.Add("idempotencyKey", Guid.NewGuid().ToString());
        data.Add("idempotencyKey", "fuzz-retry-1");
        data.Add("password", UserBuilder.Password);
        return data;
    }

    private static async Task SeedEventsAndPublishedArticleAsync(HttpClient admin, FuzzData data)
    {
        var department = await EventBuilder.CreateOrganisationAsync(admin, "Ban Tuyên giáo Tỉnh ủy Hà Nam", "BTG Tỉnh ủy");
        var office = await EventBuilder.CreateOrganisationAsync(admin, "Phòng Khoa giáo", parentId: EventBuilder.Id(department));
        var chair = await EventBuilder.CreatePersonAsync(admin, "Lê Thị Thanh Hà",
            EventBuilder.Position("Trưởng BTG Tỉnh ủy", new DateOnly(2020, 10, 1), organisationId: EventBuilder.Id(department)));
        var toaDam = await EventBuilder.CreateEventAsync(admin, "Tọa đàm khoa giáo", organiserId: EventBuilder.Id(department));
        var participation = await EventBuilder.AddParticipationAsync(admin, EventBuilder.Id(toaDam), EventBuilder.Id(chair), "chuTri");
        toaDam = await EventBuilder.PublishEventAsync(admin, EventBuilder.Id(toaDam));
        var draftEvent = await EventBuilder.CreateEventAsync(admin, "Hội nghị chưa công bố", EventBuilder.ToaDamStartsAt.AddDays(30));
        foreach (var item in new[] { toaDam, draftEvent })
        {
            data.Add("event.id", item["id"]!.ToString());
            data.Add("event.idOrSlug", item["id"]!.ToString());
            data.Add("event.idOrSlug", item["slug"]!.GetValue<string>());
            data.Add("slug", item["slug"]!.GetValue<string>());
            data.Add("etag", $"\"{item["version"]}\"");
        }

        data.Add("participation.id", participation["id"]!.ToString());
        data.Add("person.id", chair["id"]!.ToString());
        foreach (var organisation in new[] { department, office })
        {
            data.Add("organisation.id", organisation["id"]!.ToString());
            data.Add("name", organisation["name"]!.GetValue<string>());
        }

        // People in no event, so that deleting and merging them can succeed.
        foreach (var name in new[] { "Đinh Thị Lụa", "Nguyễn Hải Long", "Nguyễn Hải Long (trùng)" })
        {
            data.Add("person.id", (await EventBuilder.CreatePersonAsync(admin, name))["id"]!.ToString());
        }

        var article = new
        {
            title = "Tọa đàm nâng cao chất lượng công tác khoa giáo",
            summary = "Chiều 16/8, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm.",
            body = "<p>Nội dung bài viết.</p>",
            category = "Hoạt động khoa giáo",
            tags = new[] { "Khoa giáo", "Tọa đàm" },
            eventId = EventBuilder.Id(toaDam),
            source = new { name = "Báo Hà Nam", url = "https://baohanam.example/12345.html", externalId = "12345" },
        };
        var published = await ArticleBuilder.CreateAsync(admin, article);
        await SucceedAsync(await admin.PostAsJsonAsync($"/api/v1/admin/articles/{published["id"]}/publish", new { }), "publishing");
        data.Add("article.idOrSlug", published["slug"]!.GetValue<string>());

        // A new slug leaves the old one as a redirect (301).
        published = await ReadAsync(await admin.PutAsJsonAsync($"/api/v1/admin/articles/{published["id"]}", new
        {
            article.title,
            slug = "toa-dam-khoa-giao-ha-nam",
            article.summary,
            article.body,
            article.category,
            article.tags,
            article.eventId,
            article.source,
        }), "renaming");
        await SucceedAsync(await admin.PostAsJsonAsync("/api/v1/hits", new { articleId = published["id"], path = "/bai-viet" }), "a page view");
        AddArticle(data, published);
        data.Add("category.slug", published["category"]!["slug"]!.GetValue<string>());
        foreach (var tag in published["tags"]!.AsArray())
        {
            data.Add("tag.slug", tag!["slug"]!.GetValue<string>());
        }
    }

    private static async Task SeedUnpublishedArticlesAsync(HttpClient admin, FuzzData data)
    {
        var draft = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài viết nháp"));
        var preview = await ReadAsync(await admin.PostAsync($"/api/v1/admin/articles/{draft["id"]}/preview-token", null), "a preview token");
        var inReview = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Bài viết chờ duyệt"));
        inReview = await ReadAsync(await admin.PostAsync($"/api/v1/admin/articles/{inReview["id"]}/submit", null), "submitting");
        var apiKey = await ReadAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "Đọc nội dung", scopes = new[] { "content:read" } }), "an API key");
        AddArticle(data, draft);
        AddArticle(data, inReview);
        data.Add("previewToken", preview["token"]!.GetValue<string>());
        data.Add("apiKey.id", apiKey["id"]!.ToString());
    }

    private static async Task SeedAccountsAsync(HttpClient admin, FuzzData data)
    {
        var editor = $"bientap-{Guid.NewGuid():N}@khoagiao.test";
        var ids = await Task.WhenAll(
            UserBuilder.CreateAsync(admin, editor, "editor"),
            UserBuilder.CreateAsync(admin, $"tacgia-{Guid.NewGuid():N}@khoagiao.test", "author"));
        var tokens = await ReadAsync(await UserBuilder.LoginAsync(admin, editor, UserBuilder.Password), "signing in");
        foreach (var id in ids)
        {
            data.Add("user.id", id.ToString());
        }

        data.Add("user.email", editor);
        data.Add("refreshToken", tokens["refreshToken"]!.GetValue<string>());
        data.StaffEmail = editor;
        data.AccessToken = tokens["accessToken"]!.GetValue<string>();
    }

    private static void AddArticle(FuzzData data, JsonObject article)
    {
        data.Add("article.id", article["id"]!.ToString());
        data.Add("article.idOrSlug", article["id"]!.ToString());
        data.Add("article.idOrSlug", article["slug"]!.GetValue<string>());
        data.Add("slug", article["slug"]!.GetValue<string>());
        data.Add("article.version", article["version"]!.ToString());
        data.Add("etag", $"\"{article["version"]}\"");
    }

    /// <summary>Signs the seeded staff account in again: a session of its own for a request that ends it.</summary>
    public async Task<string?> FreshAccessTokenAsync(HttpClient client)
    {
        if (StaffEmail is null)
        {
            return null;
        }

        using var login = await UserBuilder.LoginAsync(client, StaffEmail, UserBuilder.Password);
        return login.IsSuccessStatusCode
            ? (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>()
            : null;
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what)
    {
        await SucceedAsync(response, what);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task SucceedAsync(HttpResponseMessage response, string what) =>
        Assert.That(response.IsSuccessStatusCode, Is.True,
            $"seeding failed at {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}
