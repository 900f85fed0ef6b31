using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Features.Sync;

/// <summary>
/// The feed's promise under concurrent writers: a transaction takes its sequence number when it writes but becomes
/// visible when it commits, so writers here record their change first and then wait a random while before
/// committing, while a reader follows the delivery feed the whole time. A reader that trusted sequence numbers
/// alone would skip the late committers.
/// </summary>
public sealed class ChangeFeedConcurrencyTests : ApiTest
{
    private const int Writers = 8;
    private const int EditsPerWriter = 40;

    [Test]
    public async Task A_reader_polling_during_concurrent_late_commits_sees_every_final_state_in_order()
    {
        // Every edit is the last change of its article, so any change the reader skipped shows in the end state.
        var ids = await CreatePublishedArticlesAsync(Writers * EditsPerWriter);

        using var writing = new CancellationTokenSource();
        var seen = new ConcurrentDictionary<Guid, (long Seq, string Title)>();
        var outOfOrder = new ConcurrentBag<string>();
        using var reader = Anonymous();
        string? cursor = null;

        async Task<int> ReadPageAsync()
        {
            var url = "/api/v1/changes?types=article&limit=50" + (cursor is null ? "" : "&since=" + Uri.EscapeDataString(cursor));
            var page = JsonNode.Parse(await reader.GetStringAsync(url))!.AsObject();
            var items = page["items"]!.AsArray();
            foreach (var item in items.Select(i => i!.AsObject()))
            {
                var id = item["id"]!.GetValue<Guid>();
                var seq = item["seq"]!.GetValue<long>();
                var title = item["item"]!["title"]!.GetValue<string>();
                if (seen.TryGetValue(id, out var before) && before.Seq >= seq)
                {
                    outOfOrder.Add($"{id}: seq {seq} after {before.Seq}");
                }

                seen[id] = (seq, title);
            }

            cursor = page["nextCursor"]!.GetValue<string>();
            return items.Count;
        }

        var polling = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                await ReadPageAsync();
            }
        });

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var n = 0; n < EditsPerWriter; n++)
            {
                await EditLateAsync(ids[w * EditsPerWriter + n], $"Bài {w}-{n}", TimeSpan.FromMilliseconds(random.Next(0, 50)));
            }
        })).ToList();

        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await polling;
        while (await ReadPageAsync() > 0)
        {
        }

        Assert.That(outOfOrder, Is.Empty, "an item's changes arrived out of order");
        var final = await QueryAsync(db => db.Articles.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title));
        Assert.That(seen.Keys, Is.EquivalentTo(ids));
        Assert.Multiple(() =>
        {
            foreach (var id in ids)
            {
                Assert.That(seen[id].Title, Is.EqualTo(final[id]), $"the reader missed the last change of {id}");
            }
        });
    }

    [Test]
    public async Task A_change_committed_while_an_older_transaction_is_still_open_waits_for_it()
    {
        var ids = await CreatePublishedArticlesAsync(2);
        using var reader = Anonymous();
        var start = JsonNode.Parse(await reader.GetStringAsync("/api/v1/changes?types=article"))!["nextCursor"]!.GetValue<string>();

        await using var olderScope = Factory.Services.CreateAsyncScope();
        var older = olderScope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        await using var olderTransaction = await older.Database.BeginTransactionAsync();
        var first = (await older.ArticleForWriteAsync(ids[0], CancellationToken.None))!;
        first.Title = "Sửa trước, lưu sau";
        await olderScope.ServiceProvider.GetRequiredService<ChangeLog>().SaveAsync([ChangedItem.Article(ids[0])], CancellationToken.None);

        await EditLateAsync(ids[1], "Sửa sau, lưu trước", TimeSpan.Zero);

        var whileOpen = JsonNode.Parse(await reader.GetStringAsync("/api/v1/changes?types=article&since=" + start))!.AsObject();
        Assert.That(whileOpen["items"]!.AsArray(), Is.Empty, "the newer change must wait until the older transaction ends");
        Assert.That(whileOpen["nextCursor"]!.GetValue<string>(), Is.EqualTo(start));

        await olderTransaction.CommitAsync();
        var after = JsonNode.Parse(await reader.GetStringAsync("/api/v1/changes?types=article&since=" + start))!.AsObject();
        Assert.That(after["items"]!.AsArray().Select(i => i!["item"]!["title"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Sửa trước, lưu sau", "Sửa sau, lưu trước" }));
    }

    private static async Task<List<Guid>> CreatePublishedArticlesAsync(int count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var changes = scope.ServiceProvider.GetRequiredService<ChangeLog>();
        var now = Factory.Clock.GetUtcNow();
        var articles = Enumerable.Range(0, count).Select(i =>
        {
            var article = new Article { Slug = $"bai-dong-thoi-{i}", Title = $"Bài đồng thời {i}", Body = "<p>Nội dung.</p>", CreatedAt = now, UpdatedAt = now };
            article.Apply(ArticleAction.Publish, now);
            return article;
        }).ToList();
        db.Articles.AddRange(articles);
        await changes.SaveAsync([.. articles.Select(a => ChangedItem.Article(a.Id))], CancellationToken.None);
        return [.. articles.Select(a => a.Id)];
    }

    /// <summary>Changes the title and records it, then holds the transaction open for a while before committing.</summary>
    private static async Task EditLateAsync(Guid id, string title, TimeSpan commitDelay)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var changes = scope.ServiceProvider.GetRequiredService<ChangeLog>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var article = (await db.ArticleForWriteAsync(id, CancellationToken.None))!;
        article.Title = title;
        article.UpdatedAt = Factory.Clock.GetUtcNow();
        await changes.SaveAsync([ChangedItem.Article(id)], CancellationToken.None);
        await Task.Delay(commitDelay);
        await transaction.CommitAsync();
    }
}
