using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Which writes record a change. Every write route the running app maps (any method but GET and HEAD) needs a row in
/// <see cref="ContentRoutes"/> or in <see cref="OtherRoutes"/>, so a new route forces a decision. A content route's
/// recipe sets up data through the API, makes one successful request to that route, and names every item whose
/// change row that request must move forward: those rows then carry a sequence number newer than any before it,
/// with the state (and, for a deletion, the last slug) the item was left in.
/// </summary>
public sealed partial class ChangeRecordingMatrixTests : ApiTest
{
    /// <summary>An item whose change row the request must move forward, as the failure message names it.</summary>
    private sealed record Expected(string What, ChangeType Type, Guid Id, ChangeState? State = null, string? Slug = null);

    private delegate Task<IReadOnlyList<Expected>> Recipe(Step step);

    /// <summary>Routes whose writes change what readers or editors see, with how to make one such write.</summary>
    private static readonly IReadOnlyDictionary<string, Recipe> ContentRoutes = new Dictionary<string, Recipe>
    {
        ["POST /api/v1/admin/articles/"] = async step =>
        {
            var reported = Id(await CreateEventAsync(step.Admin, "Tọa đàm về công tác khoa giáo"));
            var created = await step.SendAsync(ArticleRequest("Tin mới về tọa đàm", eventId: reported));
            return
            [
                new("the new article", ChangeType.Article, Id(created), ChangeState.Hidden, Slug(created)),
                new("the event it reports", ChangeType.Event, reported),
            ];
        },
        ["PUT /api/v1/admin/articles/{id:guid}"] = async step =>
        {
            var former = Id(await CreatePublishedEventAsync(step.Admin, "Hội nghị cũ"));
            var next = Id(await CreatePublishedEventAsync(step.Admin, "Hội thảo mới"));
            var article = await PublishedArticleAsync(step.Admin,
                ArticleRequest("Tin chuyển chuyên mục", eventId: former, category: "Giáo dục", tags: ["Khoa giáo"]));
            await step.SendAsync(ArticleRequest("Tin chuyển chuyên mục", eventId: next, category: "Khoa học", tags: ["Tọa đàm"]),
                ("id", Id(article)));
            return
            [
                new("the article", ChangeType.Article, Id(article), ChangeState.Public),
                new("the event it reported", ChangeType.Event, former),
                new("the event it reports now", ChangeType.Event, next),
                new("the category the write created", ChangeType.Category, await CategoryIdAsync("khoa-hoc"), ChangeState.Public),
                new("the tag the write created", ChangeType.Tag, await TagIdAsync("toa-dam"), ChangeState.Public),
            ];
        },
        ["PUT /api/v1/admin/articles/by-source/{source}/{externalId}"] = async step =>
        {
            var former = Id(await CreatePublishedEventAsync(step.Admin, "Hội nghị báo đưa tin trước"));
            var next = Id(await CreatePublishedEventAsync(step.Admin, "Hội thảo báo đưa tin sau"));
            var article = await SucceedAsync(step.Admin.PutAsJsonAsync($"/api/v1/admin/articles/by-source/{BaoHaNam}/bhn-101",
                SourcedArticleRequest("Tin từ Báo Hà Nam", former, "Giáo dục")));
            await step.SendAsync(SourcedArticleRequest("Tin từ Báo Hà Nam", next, "Khoa học"), ("source", BaoHaNam), ("externalId", "bhn-101"));
            return
            [
                new("the article", ChangeType.Article, Id(article), ChangeState.Public),
                new("the event it reported", ChangeType.Event, former),
                new("the event it reports now", ChangeType.Event, next, ChangeState.Public),
            ];
        },
        ["POST /api/v1/admin/articles/batch"] = async step =>
        {
            var reported = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm báo đưa tin"));
            var existing = await SucceedAsync(step.Admin.PutAsJsonAsync($"/api/v1/admin/articles/by-source/{BaoHaNam}/bhn-201",
                SourcedArticleRequest("Tin cũ từ Báo Hà Nam", reported, "Giáo dục")));
            var answer = await step.SendAsync(new
            {
                items = new object[]
                {
                    new { source = "Báo Hà Nam", externalId = "bhn-201", article = ArticleRequest("Tin cũ từ Báo Hà Nam (sửa)", reported, "Giáo dục") },
                    new { source = "Báo Hà Nam", externalId = "bhn-202", article = ArticleRequest("Tin mới từ Báo Hà Nam"), publishedAt = PublishedAt },
                },
            });
            var created = answer["items"]![1]!["id"]!.GetValue<Guid>();
            return
            [
                new("the updated article", ChangeType.Article, Id(existing), ChangeState.Public),
                new("the event the updated article reports", ChangeType.Event, reported),
                new("the created article", ChangeType.Article, created, ChangeState.Public),
            ];
        },
        ["DELETE /api/v1/admin/articles/{id:guid}"] = async step =>
        {
            var reported = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm có bài bị xóa"));
            var article = await PublishedArticleAsync(step.Admin,
                ArticleRequest("Tin sẽ bị xóa", eventId: reported, category: "Giáo dục", tags: ["Khoa giáo"]));
            await step.SendAsync(null, ("id", Id(article)));
            return
            [
                new("the deleted article, with its last slug", ChangeType.Article, Id(article), ChangeState.Deleted, Slug(article)),
                new("the event it reported", ChangeType.Event, reported),
            ];
        },
        ["POST /api/v1/admin/articles/{id:guid}/submit"] = async step =>
        {
            var article = await ArticleBuilder.CreateAsync(step.Admin, ArticleRequest("Tin gửi duyệt"));
            await step.SendAsync(null, ("id", Id(article)));
            return [new("the article", ChangeType.Article, Id(article), ChangeState.Hidden)];
        },
        ["POST /api/v1/admin/articles/{id:guid}/publish"] = async step =>
        {
            var reported = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm được đưa tin"));
            var article = await ArticleBuilder.CreateAsync(step.Admin, ArticleRequest("Tin được đăng", eventId: reported));
            await step.SendAsync(null, ("id", Id(article)));
            return
            [
                new("the article", ChangeType.Article, Id(article), ChangeState.Public, Slug(article)),
                new("the event it reports", ChangeType.Event, reported, ChangeState.Public),
            ];
        },
        ["POST /api/v1/admin/articles/{id:guid}/reject"] = async step =>
        {
            var article = await ArticleBuilder.CreateAsync(step.Admin, ArticleRequest("Tin bị trả lại"));
            await SucceedAsync(step.Admin.PostAsync($"/api/v1/admin/articles/{Id(article)}/submit", null));
            await step.SendAsync(new { reason = "Cần bổ sung ảnh." }, ("id", Id(article)));
            return [new("the article", ChangeType.Article, Id(article), ChangeState.Hidden)];
        },
        ["POST /api/v1/admin/articles/{id:guid}/unpublish"] = async step =>
        {
            var reported = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm có bài bị gỡ"));
            var article = await PublishedArticleAsync(step.Admin, ArticleRequest("Tin bị gỡ", eventId: reported));
            await step.SendAsync(null, ("id", Id(article)));
            return
            [
                new("the article", ChangeType.Article, Id(article), ChangeState.Hidden),
                new("the event it reports", ChangeType.Event, reported),
            ];
        },
        ["POST /api/v1/admin/articles/{id:guid}/archive"] = async step =>
        {
            var reported = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm có bài lưu trữ"));
            var article = await PublishedArticleAsync(step.Admin, ArticleRequest("Tin lưu trữ", eventId: reported));
            await step.SendAsync(null, ("id", Id(article)));
            return
            [
                new("the article", ChangeType.Article, Id(article), ChangeState.Hidden),
                new("the event it reports", ChangeType.Event, reported),
            ];
        },
        ["POST /api/v1/admin/articles/{id:guid}/revisions/{number:int}/restore"] = async step =>
        {
            var article = await PublishedArticleAsync(step.Admin, ArticleRequest("Tin bản đầu"));
            await SucceedAsync(step.Admin.PutAsJsonAsync($"/api/v1/admin/articles/{Id(article)}", ArticleRequest("Tin bản sửa")));
            await step.SendAsync(null, ("id", Id(article)), ("number", 1));
            return [new("the article", ChangeType.Article, Id(article), ChangeState.Public)];
        },

        ["POST /api/v1/admin/events/"] = async step =>
        {
            var created = await step.SendAsync(EventRequest("Hội thảo mới lập"));
            return [new("the new event", ChangeType.Event, Id(created), ChangeState.Hidden, Slug(created))];
        },
        ["PUT /api/v1/admin/events/{id:guid}"] = async step =>
        {
            var (evt, person) = await PublishedEventWithParticipantAsync(step.Admin, "Tọa đàm đổi tên");
            var article = await PublishedArticleAsync(step.Admin, ArticleRequest("Tin về tọa đàm đổi tên", eventId: evt));
            await step.SendAsync(EventRequest("Tọa đàm đã đổi tên"), ("id", evt));
            return
            [
                new("the event", ChangeType.Event, evt, ChangeState.Public),
                new("the article that reports it", ChangeType.Article, Id(article)),
                new("its participant", ChangeType.Person, person),
            ];
        },
        ["DELETE /api/v1/admin/events/{id:guid}"] = async step =>
        {
            var (evt, person) = await PublishedEventWithParticipantAsync(step.Admin, "Tọa đàm sẽ bị xóa");
            var slug = await QueryAsync(db => db.Events.Where(e => e.Id == evt).Select(e => e.Slug).SingleAsync());
            await step.SendAsync(null, ("id", evt));
            return
            [
                new("the deleted event, with its last slug", ChangeType.Event, evt, ChangeState.Deleted, slug),
                new("its participant, public through it no longer", ChangeType.Person, person, ChangeState.Hidden),
            ];
        },
        ["POST /api/v1/admin/events/{id:guid}/publish"] = async step =>
        {
            var evt = Id(await CreateEventAsync(step.Admin, "Tọa đàm sắp công bố"));
            var person = Id(await CreatePersonAsync(step.Admin, "Nguyễn Hải Long"));
            await AddParticipationAsync(step.Admin, evt, person, "chuTri");
            await step.SendAsync(null, ("id", evt));
            return
            [
                new("the event", ChangeType.Event, evt, ChangeState.Public),
                new("its participant, now public through it", ChangeType.Person, person, ChangeState.Public),
            ];
        },
        ["POST /api/v1/admin/events/{id:guid}/unpublish"] = async step =>
        {
            var (evt, person) = await PublishedEventWithParticipantAsync(step.Admin, "Tọa đàm bị gỡ");
            await step.SendAsync(null, ("id", evt));
            return
            [
                new("the event", ChangeType.Event, evt, ChangeState.Hidden),
                new("its participant, public through it no longer", ChangeType.Person, person, ChangeState.Hidden),
            ];
        },
        ["POST /api/v1/admin/events/{id:guid}/participations"] = async step =>
        {
            var evt = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm có thêm đại biểu"));
            var person = Id(await CreatePersonAsync(step.Admin, "Đinh Thị Lụa"));
            await step.SendAsync(new { personId = person, role = "phatBieuChiDao" }, ("id", evt));
            return
            [
                new("the event", ChangeType.Event, evt, ChangeState.Public),
                new("the person", ChangeType.Person, person, ChangeState.Public),
            ];
        },
        ["PUT /api/v1/admin/events/{id:guid}/participations/{participationId:guid}"] = async step =>
        {
            var evt = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm đổi đại biểu"));
            var former = Id(await CreatePersonAsync(step.Admin, "Lê Thị Thanh Hà"));
            var next = Id(await CreatePersonAsync(step.Admin, "Nguyễn Hải Long"));
            var participation = Id(await AddParticipationAsync(step.Admin, evt, former, "chuTri"));
            await step.SendAsync(new { personId = next, role = "chuTri" }, ("id", evt), ("participationId", participation));
            return
            [
                new("the event", ChangeType.Event, evt),
                new("the person who took part before", ChangeType.Person, former, ChangeState.Hidden),
                new("the person who takes part now", ChangeType.Person, next, ChangeState.Public),
            ];
        },
        ["DELETE /api/v1/admin/events/{id:guid}/participations/{participationId:guid}"] = async step =>
        {
            var (evt, person) = await PublishedEventWithParticipantAsync(step.Admin, "Tọa đàm bớt đại biểu");
            var participation = await QueryAsync(db => db.Participations.Where(p => p.EventId == evt).Select(p => p.Id).SingleAsync());
            await step.SendAsync(null, ("id", evt), ("participationId", participation));
            return
            [
                new("the event", ChangeType.Event, evt),
                new("the person", ChangeType.Person, person, ChangeState.Hidden),
            ];
        },

        ["POST /api/v1/admin/people/"] = async step =>
        {
            var created = await step.SendAsync(PersonRequest("Lê Thị Thanh Hà", Position("Trưởng Ban Tuyên giáo Tỉnh ủy")));
            return [new("the new person", ChangeType.Person, Id(created), ChangeState.Hidden)];
        },
        ["PUT /api/v1/admin/people/{id:guid}"] = async step =>
        {
            var (evt, person) = await PublishedEventWithParticipantAsync(step.Admin, "Tọa đàm có người đổi tên");
            await step.SendAsync(PersonRequest("Nguyễn Hải Long (sửa)"), ("id", person));
            return
            [
                new("the person", ChangeType.Person, person, ChangeState.Public),
                new("the event that lists them", ChangeType.Event, evt),
            ];
        },
        ["DELETE /api/v1/admin/people/{id:guid}"] = async step =>
        {
            var person = Id(await CreatePersonAsync(step.Admin, "Người nhập nhầm"));
            await step.SendAsync(null, ("id", person));
            return [new("the deleted person", ChangeType.Person, person, ChangeState.Deleted)];
        },
        ["POST /api/v1/admin/people/{id:guid}/merge"] = async step =>
        {
            var (_, kept) = await PublishedEventWithParticipantAsync(step.Admin, "Hội nghị của người giữ lại");
            var (duplicateEvent, duplicate) = await PublishedEventWithParticipantAsync(step.Admin, "Hội thảo của bản trùng");
            await step.SendAsync(new { duplicateId = duplicate }, ("id", kept));
            return
            [
                new("the duplicate, merged away", ChangeType.Person, duplicate, ChangeState.Deleted),
                new("the kept person", ChangeType.Person, kept, ChangeState.Public),
                new("the event that listed the duplicate and lists the kept person now", ChangeType.Event, duplicateEvent),
            ];
        },

        ["POST /api/v1/admin/organisations/"] = async step =>
        {
            var created = await step.SendAsync(new { name = "Ban Tuyên giáo Tỉnh ủy", shortName = "BTG Tỉnh ủy" });
            return [new("the new organisation", ChangeType.Organisation, Id(created), ChangeState.Public)];
        },
        ["PUT /api/v1/admin/organisations/{id:guid}"] = async step =>
        {
            var organisation = Id(await CreateOrganisationAsync(step.Admin, "Ban Tuyên giáo", "BTG"));
            var person = Id(await CreatePersonAsync(step.Admin, "Lê Thị Thanh Hà", Position("Trưởng Ban", organisationId: organisation)));
            var evt = Id(await CreatePublishedEventAsync(step.Admin, "Tọa đàm do Ban tổ chức", organiserId: organisation));
            await step.SendAsync(new { name = "Ban Tuyên giáo Tỉnh ủy", shortName = "BTG Tỉnh ủy" }, ("id", organisation));
            return
            [
                new("the organisation", ChangeType.Organisation, organisation, ChangeState.Public),
                new("the person holding a position in it", ChangeType.Person, person),
                new("the event it organised", ChangeType.Event, evt),
            ];
        },
        ["DELETE /api/v1/admin/organisations/{id:guid}"] = async step =>
        {
            var organisation = Id(await CreateOrganisationAsync(step.Admin, "Đơn vị nhập nhầm"));
            await step.SendAsync(null, ("id", organisation));
            return [new("the deleted organisation", ChangeType.Organisation, organisation, ChangeState.Deleted)];
        },
        ["POST /api/v1/admin/media/"] = async step =>
        {
            var created = await step.SendAsync(MediaBuilder.Form(Features.Media.TestImages.Jpeg(320, 240)));
            return [new("the new photo", ChangeType.Media, Id(created), ChangeState.Public)];
        },
        ["PUT /api/v1/admin/media/{id:guid}"] = async step =>
        {
            var photo = Id(await MediaBuilder.UploadAsync(step.Admin, Features.Media.TestImages.Jpeg(320, 240)));
            var covered = await PublishedArticleAsync(step.Admin,
                new { title = "Tin có ảnh bìa", body = "<p>Nội dung.</p>", coverImageId = photo });
            var shown = await PublishedArticleAsync(step.Admin,
                new { title = "Tin có ảnh trong bài", body = $"<p>Nội dung.</p><figure data-media-id=\"{photo}\"></figure>" });
            var evt = Id(await SucceedAsync(step.Admin.PostAsJsonAsync("/api/v1/admin/events",
                new { kind = "toaDam", title = "Tọa đàm có ảnh", startsAt = ToaDamStartsAt, coverImageId = photo })));
            await step.SendAsync(new { caption = "Chú thích mới." }, ("id", photo));
            return
            [
                new("the photo", ChangeType.Media, photo, ChangeState.Public),
                new("the article it is the cover of", ChangeType.Article, Id(covered), ChangeState.Public),
                new("the article whose body shows it", ChangeType.Article, Id(shown), ChangeState.Public),
                new("the event it is the cover of", ChangeType.Event, evt, ChangeState.Hidden),
            ];
        },
        ["DELETE /api/v1/admin/media/{id:guid}"] = async step =>
        {
            var photo = Id(await MediaBuilder.UploadAsync(step.Admin, Features.Media.TestImages.Jpeg(320, 240)));
            await step.SendAsync(null, ("id", photo));
            return [new("the deleted photo", ChangeType.Media, photo, ChangeState.Deleted)];
        },
    };

    /// <summary>Write routes that change nothing readers or editors see as content, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> OtherRoutes = new Dictionary<string, string>
    {
        ["POST /api/v1/admin/articles/{id:guid}/preview-token"] = "signs an expiring link to the article; nothing is stored and the article is unchanged",
        ["POST /api/v1/admin/api-keys/"] = "API keys are credentials, not content",
        ["DELETE /api/v1/admin/api-keys/{id:guid}"] = "revoking a key changes who may call, not what anyone reads",
        ["POST /api/v1/admin/users/"] = "staff accounts are not content",
        ["PUT /api/v1/admin/users/{id:guid}/roles"] = "roles change what a user may do, not what anyone reads",
        ["POST /api/v1/admin/users/{id:guid}/disable"] = "a disabled account keeps its articles as they are",
        ["POST /api/v1/admin/users/{id:guid}/enable"] = "enabling an account changes no content",
        ["POST /api/v1/admin/users/{id:guid}/reset-password"] = "a password is a credential, not content",
        ["POST /api/v1/auth/login"] = "signing in starts a session; content is unchanged",
        ["POST /api/v1/auth/refresh"] = "refreshing renews a session's tokens; content is unchanged",
        ["POST /api/v1/auth/logout"] = "signing out ends a session; content is unchanged",
        ["POST /api/v1/admin/webhooks/"] = "a subscription is who is told of changes, not content",
        ["PUT /api/v1/admin/webhooks/{id:guid}"] = "a subscription is who is told of changes, not content",
        ["DELETE /api/v1/admin/webhooks/{id:guid}"] = "a subscription is who is told of changes, not content",
        ["POST /api/v1/admin/webhooks/{id:guid}/rotate-secret"] = "a signing secret is a credential, not content",
        ["POST /api/v1/admin/webhooks/{id:guid}/test"] = "a test ping goes to one receiver; content is unchanged",
        ["POST /api/v1/admin/webhooks/{id:guid}/deliveries/{deliveryId:guid}/redeliver"] = "sends a delivery again; content is unchanged",
        ["POST /api/v1/hits"] = "counters, not content: views are buffered and flushed in bulk, and readers see new totals when the delivery cache expires",
    };

    private static IEnumerable<string> ContentRouteNames() => ContentRoutes.Keys;

    [Test]
    public void Every_write_route_is_classed_as_changing_content_or_not_and_every_row_names_a_route()
    {
        var mapped = WriteRoutes().ToList();

        Assert.That(mapped, Is.Unique);
        Assert.Multiple(() =>
        {
            Assert.That(mapped.Except(ContentRoutes.Keys).Except(OtherRoutes.Keys), Is.Empty,
                "write routes in neither table: give each a recipe in ContentRoutes, or a reason in OtherRoutes");
            Assert.That(ContentRoutes.Keys.Concat(OtherRoutes.Keys).Except(mapped), Is.Empty, "rows for routes the app does not map");
            Assert.That(ContentRoutes.Keys.Intersect(OtherRoutes.Keys), Is.Empty, "routes in both tables");
        });
    }

    [TestCaseSource(nameof(ContentRouteNames))]
    public async Task A_successful_write_to_a_content_route_moves_the_change_row_of_every_item_it_changes(string route)
    {
        using var admin = Admin();
        var step = new Step(admin, route);

        var expected = await ContentRoutes[route](step);

        Assert.That(step.Response, Is.Not.Null, "the recipe made no request to the route");
        var text = await step.Response!.Content.ReadAsStringAsync();
        Assert.That(step.Response.IsSuccessStatusCode, Is.True, $"{route} answered {(int)step.Response.StatusCode}: {text[..Math.Min(text.Length, 400)]}");
        var rows = await QueryAsync(db => db.Changes.AsNoTracking().ToDictionaryAsync(c => (c.Type, c.EntityId)));
        var missing = new List<string>();
        foreach (var item in expected)
        {
            if (!rows.TryGetValue((item.Type, item.Id), out var row))
            {
                missing.Add($"{item.What} ({item.Type} {item.Id}): no change row");
            }
            else if (row.Seq <= step.SeqBefore)
            {
                missing.Add($"{item.What} ({item.Type} {item.Id}): row not moved by the request (seq {row.Seq}, last before it {step.SeqBefore})");
            }
            else if (item.State is { } state && row.State != state)
            {
                missing.Add($"{item.What} ({item.Type} {item.Id}): state {row.State}, expected {state}");
            }
            else if (item.Slug is { } slug && row.Slug != slug)
            {
                missing.Add($"{item.What} ({item.Type} {item.Id}): slug {row.Slug}, expected {slug}");
            }
        }

        Assert.That(missing, Is.Empty, route);
    }

    /// <summary>
    /// The one request a recipe makes to its route: it remembers the newest change before the request, so any row with
    /// a larger sequence number was written by it, and builds the URL from the route's own pattern.
    /// </summary>
    private sealed class Step(HttpClient admin, string route)
    {
        public HttpClient Admin { get; } = admin;

        public long SeqBefore { get; private set; }

        public HttpResponseMessage? Response { get; private set; }

        /// <summary>Sends <paramref name="body"/> (none when null; a form as it is, anything else as JSON) to the route with these route values; returns the JSON answer, if any.</summary>
        public async Task<JsonObject> SendAsync(object? body, params (string Name, object Value)[] values)
        {
            Assert.That(Response, Is.Null, "a recipe makes one request to its route");
            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
            var pattern = route[(method.Length + 1)..];
            var path = RouteParameter().Replace(pattern, match =>
                values.Single(v => v.Name == match.Groups["name"].Value).Value.ToString()!).TrimEnd('/');
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Content = body switch
            {
                null => null,
                HttpContent content => content,
                _ => JsonContent.Create(body, body.GetType()),
            };

            SeqBefore = await QueryAsync(db => db.Changes.MaxAsync(c => (long?)c.Seq)) ?? 0;
            Response = await Admin.SendAsync(request);
            var text = await Response.Content.ReadAsStringAsync();
            return text.Length > 0 && Response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : new JsonObject();
        }
    }

    [GeneratedRegex(@"\{(?<name>[^:}]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Every route of the running app that takes a method other than GET and HEAD, as "METHOD pattern".</summary>
    private static IEnumerable<string> WriteRoutes() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                .Where(method => method is not ("GET" or "HEAD"))
                .Select(method => $"{method} {e.RoutePattern.RawText}"));

    private static object ArticleRequest(string title, Guid? eventId = null, string? category = null, string[]? tags = null) =>
        new { title, summary = "Tóm tắt.", body = "<p>Nội dung bài viết.</p>", category, tags, eventId };

    /// <summary>The newspaper the sourced articles of these recipes come from, "Báo Hà Nam" as a path segment.</summary>
    private const string BaoHaNam = "B%C3%A1o%20H%C3%A0%20Nam";

    /// <summary>When the sourced articles of these recipes were published by their newspaper: a moment already past.</summary>
    private static readonly DateTimeOffset PublishedAt = new(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(7));

    /// <summary>An upsert-by-source body that publishes the article in the same call.</summary>
    private static object SourcedArticleRequest(string title, Guid eventId, string category) =>
        new { title, summary = "Tóm tắt.", body = "<p>Nội dung bài viết.</p>", category, eventId, publishedAt = PublishedAt };

    private static object EventRequest(string title) => new { kind = "toaDam", title, startsAt = ToaDamStartsAt };

    private static string Slug(JsonObject item) => item["slug"]!.GetValue<string>();

    private static async Task<JsonObject> PublishedArticleAsync(HttpClient admin, object request)
    {
        var created = await ArticleBuilder.CreateAsync(admin, request);
        return await SucceedAsync(admin.PostAsync($"/api/v1/admin/articles/{Id(created)}/publish", null));
    }

    /// <summary>A published event with one person taking part, who is public through it.</summary>
    private static async Task<(Guid Event, Guid Person)> PublishedEventWithParticipantAsync(HttpClient admin, string title)
    {
        var evt = Id(await CreatePublishedEventAsync(admin, title));
        var person = Id(await CreatePersonAsync(admin, "Đại biểu của " + title));
        await AddParticipationAsync(admin, evt, person, "chuTri");
        return (evt, person);
    }

    [Test]
    public async Task An_article_joining_an_existing_category_and_tag_leaves_their_change_rows_alone()
    {
        using var admin = Admin();
        await PublishedArticleAsync(admin, ArticleRequest("Tin đầu tiên của chuyên mục", category: "Giáo dục", tags: ["Khoa giáo"]));
        var category = await CategoryIdAsync("giao-duc");
        var tag = await TagIdAsync("khoa-giao");
        var before = await QueryAsync(db => db.Changes.AsNoTracking()
            .Where(c => c.EntityId == category || c.EntityId == tag).ToDictionaryAsync(c => c.EntityId, c => c.Seq));

        var second = await PublishedArticleAsync(admin, ArticleRequest("Tin thứ hai của chuyên mục", category: "Giáo dục", tags: ["Khoa giáo"]));

        var after = await QueryAsync(db => db.Changes.AsNoTracking()
            .Where(c => c.EntityId == category || c.EntityId == tag).ToDictionaryAsync(c => c.EntityId, c => c.Seq));
        var articleSeq = await QueryAsync(db => db.Changes.Where(c => c.EntityId == Id(second)).Select(c => c.Seq).SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(before.Keys, Is.EquivalentTo(new[] { category, tag }), "the first article created both, and recorded them");
            Assert.That(after, Is.EqualTo(before), "their article counts moved, but they did not change");
            Assert.That(articleSeq, Is.GreaterThan(before.Values.Max()), "the second article itself is recorded");
        });
    }

    private static async Task<JsonObject> SucceedAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"setting up failed: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<Guid> CategoryIdAsync(string slug) =>
        QueryAsync(db => db.Categories.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    private static Task<Guid> TagIdAsync(string slug) =>
        QueryAsync(db => db.Tags.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync());
}
