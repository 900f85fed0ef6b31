using AutoMapper;
using AutoMapper.QueryableExtensions;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Text;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// Reads the change log as a feed. It serves changes in (transaction id, sequence) order, and only those of
/// transactions older than every transaction still running (<c>pg_snapshot_xmin</c>): a transaction that took its
/// sequence number early but commits late is therefore never behind a position already handed out.
/// </summary>
public sealed class ChangeFeed(KhoaGiaoDbContext db, IMapper mapper, DeliveredBodies bodies, TimeProvider clock)
{
    public const int DefaultLimit = 100;

    private static readonly ChangeType[] FeedTypes = [ChangeType.Article, ChangeType.Event, ChangeType.Person];

    public static bool TryParseTypes(string? text, out ChangeType[] types)
    {
        types = FeedTypes;
        if (text is null)
        {
            return true;
        }

        var parsed = new List<ChangeType>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var type = FeedTypes.FirstOrDefault(t => string.Equals(t.ToString(), part, StringComparison.OrdinalIgnoreCase), (ChangeType)(-1));
            if ((int)type < 0)
            {
                return false;
            }

            parsed.Add(type);
        }

        types = [.. parsed.Distinct()];
        return true;
    }

    public async Task<Results<Ok<ChangePageResponse>, ProblemHttpResult>> PageAsync(
        ListChangesQuery query, bool management, CancellationToken cancellationToken)
    {
        var since = ChangePosition.Start;
        if (query.Since is not null)
        {
            ChangePosition.TryDecode(query.Since, out since);
        }

        TryParseTypes(query.Types, out var types);
        if (since != ChangePosition.Start
            && await db.ChangeLogHorizon.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } horizon
            && since < new ChangePosition(horizon.Xid, horizon.Seq))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: Localized.Text("Con trỏ đã hết hạn", "Cursor expired"),
                detail: Localized.Text(
                    "Các bản ghi xóa sau vị trí này đã bị dọn; hãy đồng bộ lại từ đầu (bỏ tham số since).",
                    "Deletions after this position have been purged; resync from the start (omit since)."),
                type: "https://tools.ietf.org/html/rfc9110#section-15.5.11");
        }

        var typeNames = types.Select(t => t.ToString()).ToArray();
        var limit = query.Limit ?? DefaultLimit;
        var rows = await db.Changes.FromSql($"""
            SELECT * FROM changes
            WHERE (xid, seq) > ({since.Xid}, {since.Seq})
              AND xid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
              AND type = ANY({typeNames})
              AND ({management} OR state = 'Public' OR ever_public)
            ORDER BY xid, seq
            LIMIT {limit}
            """).AsNoTracking().ToListAsync(cancellationToken);

        var page = await ResponsesAsync(rows, management, cancellationToken);
        var next = rows.Count == 0 ? since : new ChangePosition(rows[^1].Xid, rows[^1].Seq);
        return TypedResults.Ok(new ChangePageResponse { Items = page, NextCursor = next.Encode() });
    }

    /// <summary>
    /// These items' entries as the delivery feed gives them now (an upsert with the item, or a delete once it is out of
    /// public view); an item the change log does not know is left out.
    /// </summary>
    public async Task<Dictionary<(ChangeType Type, Guid Id), ChangeResponse>> CurrentAsync(
        IReadOnlyCollection<(ChangeType Type, Guid Id)> items, CancellationToken cancellationToken)
    {
        var distinct = items.Distinct().ToList();
        var types = distinct.Select(i => i.Type.ToString()).ToArray();
        var ids = distinct.Select(i => i.Id).ToArray();
        var rows = await db.Changes.FromSql($"""
            SELECT c.* FROM changes AS c JOIN unnest({types}, {ids}) AS t(type, id) ON c.type = t.type AND c.entity_id = t.id
            """).AsNoTracking().ToListAsync(cancellationToken);
        return (await ResponsesAsync(rows, management: false, cancellationToken)).ToDictionary(r => (r.Type, r.Id));
    }

    private async Task<List<ChangeResponse>> ResponsesAsync(List<Change> rows, bool management, CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(rows, management, cancellationToken);
        return rows.Select(row =>
        {
            var item = items.GetValueOrDefault((row.Type, row.EntityId));
            return new ChangeResponse
            {
                Seq = row.Seq,
                Type = row.Type,
                Id = row.EntityId,
                Slug = row.Slug,
                Op = item is null ? ChangeOperation.Delete : ChangeOperation.Upsert,
                At = row.ChangedAt,
                Item = item,
            };
        }).ToList();
    }

    /// <summary>The current representation of every item the page upserts; an item the reader may not see is left out.</summary>
    private async Task<Dictionary<(ChangeType, Guid), object>> ItemsAsync(
        List<Change> rows, bool management, CancellationToken cancellationToken)
    {
        var items = new Dictionary<(ChangeType, Guid), object>();
        var wanted = rows.Where(r => r.State == ChangeState.Public || (management && r.State == ChangeState.Hidden)).ToList();
        var now = clock.GetUtcNow();

        var articleIds = wanted.Where(r => r.Type == ChangeType.Article).Select(r => r.EntityId).ToList();
        if (articleIds.Count > 0)
        {
            var articles = db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id));
            if (management)
            {
                foreach (var article in await articles.ProjectTo<AdminArticleResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken))
                {
                    items[(ChangeType.Article, article.Id)] = article;
                }
            }
            else
            {
                var delivered = await articles.WhereVisibleAt(now).ProjectTo<ArticleResponse>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
                foreach (var article in await bodies.FillAsync(delivered, cancellationToken))
                {
                    items[(ChangeType.Article, article.Id)] = article;
                }
            }
        }

        foreach (var row in wanted.Where(r => r.Type == ChangeType.Event))
        {
            object? item = management
                ? await EventQueries.AdminResponseAsync(db, mapper, row.EntityId, cancellationToken)
                : await EventQueries.ResponseAsync(db, mapper, db.Events.AsNoTracking().WherePublished().Where(e => e.Id == row.EntityId), now, cancellationToken);
            if (item is not null)
            {
                items[(ChangeType.Event, row.EntityId)] = item;
            }
        }

        foreach (var row in wanted.Where(r => r.Type == ChangeType.Person))
        {
            var visible = management || await db.People.Where(p => p.Id == row.EntityId).WherePublic(db).AnyAsync(cancellationToken);
            if (visible && await PersonQueries.ResponseAsync(db, mapper, row.EntityId, publishedEventsOnly: !management, cancellationToken) is { } person)
            {
                items[(ChangeType.Person, row.EntityId)] = person;
            }
        }

        return items;
    }
}
