using System.Net;
using System.Net.Http.Json;
using KhoaGiao.Api.Security;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Tests.Features.ApiKeys;

/// <summary>
/// API keys across two instances on one database: every request looks its key's hash up in the database, so a key
/// made on one instance works on the other with the scopes it was given, and a key revoked on one is refused by the
/// other on its next request (<c>RevocationAcrossInstancesTests</c> revokes through A and asks B).
/// </summary>
public sealed class ApiKeysAcrossInstancesTests : TwoInstanceTest
{
    [Test]
    public async Task A_key_created_on_one_instance_works_on_the_other_with_its_scopes()
    {
        using var admin = Admin();
        var created = await CreateKeyAsync(admin, "Đồng bộ Báo Hà Nam", Scopes.ContentRead, Scopes.ContentWrite);
        using var onB = Second.CreateClient(created.Key);

        var me = await onB.GetAsync("/api/v1/auth/me");
        var written = await onB.PostAsJsonAsync("/api/v1/admin/articles", ArticleBuilder.Request("Tin đồng bộ qua máy B"));
        var article = (await ReadJsonAsync(written))["id"]!.GetValue<Guid>();
        var published = await onB.PostAsync($"/api/v1/admin/articles/{article}/publish", null);

        Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(me))["id"]!.GetValue<string>(), Is.EqualTo(created.Id.ToString()));
        Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertProblemAsync(published, 403);
        var stored = await QueryAsync(db => db.Articles.Select(a => new { a.Id, a.Status }).SingleAsync());
        Assert.That(stored.Id, Is.EqualTo(article));
        Assert.That(stored.Status, Is.EqualTo(Api.Features.Articles.ArticleStatus.Draft));
    }

    [Test]
    public async Task A_key_revoked_on_one_instance_is_refused_on_the_other_at_once()
    {
        using var admin = Admin();
        var created = await CreateKeyAsync(admin, "Ứng dụng di động", Scopes.ContentRead);
        using var onA = WithKey(created.Key);
        Assert.That((await onA.GetAsync("/api/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "A did not take the key first");
        using var adminOnB = Second.CreateClient(KhoaGiaoApiFactory.BootstrapAdminKey);

        var revoked = await adminOnB.DeleteAsync($"/api/v1/admin/api-keys/{created.Id}");

        // Every check runs even when one fails: each is a separate promise of revocation.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            await AssertProblemAsync(await onA.GetAsync("/api/v1/admin/articles"), 401);
            await AssertProblemAsync(await onA.GetAsync("/api/v1/auth/me"), 401);
            using var onB = Second.CreateClient(created.Key);
            await AssertProblemAsync(await onB.GetAsync("/api/v1/admin/articles"), 401);
            Assert.That(await QueryAsync(db => db.ApiKeys.Where(k => k.Id == created.Id).Select(k => k.RevokedAt).SingleAsync()), Is.Not.Null);
            Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "apiKey.revoked" && e.TargetId == created.Id.ToString())),
                Is.EqualTo(1));
        }
    }

    private static async Task<(Guid Id, string Key)> CreateKeyAsync(HttpClient admin, string name, params string[] scopes)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name, scopes });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), "creating the key failed");
        var created = await ReadJsonAsync(response);
        return (created["id"]!.GetValue<Guid>(), created["key"]!.GetValue<string>());
    }
}
