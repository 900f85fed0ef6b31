using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using static KhoaGiao.Api.Tests.TestHost.EventBuilder;

namespace KhoaGiao.Api.Tests.Http;

/// <summary>
/// The lists that once came whole (categories, tags, organisations, accounts, API keys, an article's revisions) page
/// like the others: <c>limit</c> (default and most 100) and <c>nextCursor</c>, every item once, in order; and the
/// lists inside one item are bounded.
/// </summary>
public sealed class PagingTests : ApiTest
{
    /// <summary>Reads a list two at a time to its end; returns each item's <paramref name="key"/> in the order served.</summary>
    private static async Task<List<string>> ReadAllAsync(HttpClient client, string path, string key)
    {
        var keys = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 50; page++)
        {
            var separator = path.Contains('?') ? '&' : '?';
            var body = await ReadJsonAsync(await client.GetAsync(
                $"{path}{separator}limit=2{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"));
            var items = body["items"]!.AsArray();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            keys.AddRange(items.Select(i => i![key]!.ToJsonString().Trim('"')));
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                return keys;
            }
        }

        Assert.Fail($"{path} did not end");
        return keys;
    }

    [Test]
    public async Task Categories_and_tags_page_by_slug()
    {
        using var admin = Admin();
        foreach (var name in new[] { "Giáo dục", "Khoa học", "Văn hóa", "Y tế", "Công nghệ" })
        {
            await ArticleBuilder.CreatePublishedAsync(admin, $"Tin {name}", category: name, tags: [name]);
        }

        var expected = new[] { "cong-nghe", "giao-duc", "khoa-hoc", "van-hoa", "y-te" };
        Assert.Multiple(async () =>
        {
            Assert.That(await ReadAllAsync(Anonymous(), "/api/v1/categories", "slug"), Is.EqualTo(expected));
            Assert.That(await ReadAllAsync(Anonymous(), "/api/v1/tags", "slug"), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task Organisations_and_accounts_page_by_name_and_keys_newest_first()
    {
        using var admin = Admin();
        var organisations = new List<string>();
        foreach (var name in new[] { "Sở Y tế", "Ban Tuyên giáo Tỉnh ủy", "Sở Khoa học và Công nghệ", "Hội Nông dân", "Đoàn Thanh niên" })
        {
            organisations.Add(Id(await CreateOrganisationAsync(admin, name)).ToString());
        }

        var emails = new List<string>();
        foreach (var user in new[] { "e", "a", "d", "b", "c" })
        {
            await UserBuilder.CreateAsync(admin, $"{user}@khoagiao.test", Roles.Author);
            emails.Add($"{user}@khoagiao.test");
        }

        var keys = new List<string>();
        for (var key = 1; key <= 5; key++)
        {
            var created = await ReadJsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/api-keys",
                new { name = $"Khóa {key}", scopes = new[] { Scopes.ContentRead } }));
            keys.Insert(0, created["id"]!.GetValue<Guid>().ToString());
        }

        var byName = await QueryAsync(db => db.Organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => o.Id.ToString()).ToListAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(await ReadAllAsync(admin, "/api/v1/admin/organisations", "id"), Is.EqualTo(byName).And.EquivalentTo(organisations));
            Assert.That(await ReadAllAsync(admin, "/api/v1/admin/users", "email"), Is.EqualTo(emails.Order(StringComparer.Ordinal)));
            Assert.That(await ReadAllAsync(admin, "/api/v1/admin/api-keys", "id"), Is.EqualTo(keys));
        });
    }

    [Test]
    public async Task An_articles_revisions_page_newest_first()
    {
        using var admin = Admin();
        var article = await ArticleBuilder.CreateAsync(admin, ArticleBuilder.Request("Tin nhiều lần sửa"));
        for (var edit = 1; edit <= 4; edit++)
        {
            var response = await admin.PutAsJsonAsync($"/api/v1/admin/articles/{article["id"]}", ArticleBuilder.Request($"Tin sửa lần {edit}"));
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
        }

        var numbers = await ReadAllAsync(admin, $"/api/v1/admin/articles/{article["id"]}/revisions", "number");

        Assert.That(numbers, Is.EqualTo(new[] { "5", "4", "3", "2", "1" }));
    }

    [TestCase("/api/v1/tags?limit=0", "limit")]
    [TestCase("/api/v1/categories?limit=101", "limit")]
    [TestCase("/api/v1/categories?cursor=khong-phai-con-tro", "cursor")]
    public async Task Bad_paging_values_are_validation_problems(string path, string field)
    {
        await AssertValidationProblemAsync(await Anonymous().GetAsync(path), field);
    }

    [Test]
    public async Task An_event_holds_at_most_500_participations_and_the_501st_is_refused()
    {
        using var admin = Admin();
        var eventId = Id(await CreateEventAsync(admin, "Hội nghị toàn tỉnh"));
        var now = DateTimeOffset.UtcNow;
        await QueryAsync(async db =>
        {
            var roles = Enum.GetValues<ParticipationRole>();
            for (var p = 0; p < Event.MaxParticipations / roles.Length; p++)
            {
                var person = new Person { CreatedAt = now, UpdatedAt = now };
                person.Rename($"Đại biểu {p}");
                db.People.Add(person);
                foreach (var role in roles)
                {
                    db.Participations.Add(new Participation { EventId = eventId, PersonId = person.Id, Role = role });
                }
            }

            return await db.SaveChangesAsync();
        });
        var extra = Id(await CreatePersonAsync(admin, "Đại biểu thêm"));

        var refused = await admin.PostAsJsonAsync($"/api/v1/admin/events/{eventId}/participations", new { personId = extra, role = "du" });

        await AssertProblemAsync(refused, 409);
        Assert.That(await QueryAsync(db => db.Participations.CountAsync(x => x.EventId == eventId)), Is.EqualTo(Event.MaxParticipations));
    }
}
