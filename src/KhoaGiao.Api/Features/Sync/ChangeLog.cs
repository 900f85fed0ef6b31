using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Sync;

/// <summary>
/// Records that items changed, in the transaction that changed them: the one call every write makes after it has
/// saved and before it commits. The delta feed, cache eviction on every instance, and webhooks read what it writes.
/// For each item it stores the state the read rules give it now (public, hidden, deleted), and it records the items
/// whose representations embed a changed one (an event lists its articles and participants, a person their events).
/// </summary>
public sealed class ChangeLog(KhoaGiaoDbContext db, TimeProvider clock)
{
    /// <summary>The PostgreSQL channel notified when a transaction that recorded changes commits.</summary>
    public const string Channel = "khoagiao_changes";

    /// <summary>
    /// The channel notified when a transaction that queued webhook deliveries commits: only those wake the
    /// dispatchers, so a bulk import with no subscriber costs them nothing.
    /// </summary>
    public const string WebhookChannel = "khoagiao_webhooks";

    /// <summary>
    /// Saves what the context has pending and records these items' change, in one transaction (the caller's, when it
    /// has one).
    /// </summary>
    public async Task SaveAsync(IReadOnlyCollection<ChangedItem> items, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
            await RecordAsync(items, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(items, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records the items and those that embed them; call after <c>SaveChangesAsync</c>, inside the transaction.</summary>
    public async Task RecordAsync(IReadOnlyCollection<ChangedItem> items, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Record changes inside the transaction that made them.");
        }

        var affected = new Dictionary<ChangeType, HashSet<Guid>>();
        void Add(ChangeType type, IEnumerable<Guid> ids)
        {
            if (!affected.TryGetValue(type, out var set))
            {
                affected[type] = set = [];
            }

            set.UnionWith(ids.Where(id => id != Guid.Empty));
        }

        var now = clock.GetUtcNow();
        Dictionary<Guid, (string? Slug, bool Public)>? articleStates = null;
        foreach (var group in items.Where(i => i.Id is not null).GroupBy(i => i.Type))
        {
            var ids = group.Select(i => i.Id!.Value).Distinct().ToList();
            Add(group.Key, ids);
            List<(ChangeType Type, List<Guid> Ids)> dependents;
            if (group.Key == ChangeType.Article)
            {
                (dependents, articleStates) = await ArticlesAsync(ids, Written(group), now, cancellationToken);
            }
            else
            {
                dependents = await DependentsAsync(group.Key, ids, cancellationToken);
            }

            foreach (var (dependentType, dependentIds) in dependents)
            {
                Add(dependentType, dependentIds);
            }
        }

        var rows = new List<(ChangeType Type, Guid Id, string? Slug, ChangeState State)>();
        foreach (var (type, ids) in affected.Where(a => a.Value.Count > 0 && !IsAlwaysPublic(a.Key)))
        {
            // The articles written were read with their links; only those other changes drew in are read here.
            var known = type == ChangeType.Article ? articleStates : null;
            var unknown = known is null ? [.. ids] : ids.Where(id => !known.ContainsKey(id)).ToList();
            var states = unknown.Count == 0 ? new Dictionary<Guid, (string? Slug, bool Public)>() : await StatesAsync(type, unknown, now, cancellationToken);
            if (known is not null)
            {
                foreach (var (id, state) in known)
                {
                    states[id] = state;
                }
            }

            rows.AddRange(ids.Select(id => states.TryGetValue(id, out var state)
                ? (type, id, state.Slug, state.Public ? ChangeState.Public : ChangeState.Hidden)
                : (type, id, (string?)null, ChangeState.Deleted)));
        }

        Guid[] Ids(ChangeType type) => affected.TryGetValue(type, out var ids) ? [.. ids] : [];
        await WriteAsync(rows, Ids(ChangeType.Category), Ids(ChangeType.Tag), Ids(ChangeType.Organisation), Ids(ChangeType.Media), now, cancellationToken);
        db.ChangesRecorded = true;
    }

    /// <summary>The items whose delivery representation shows something of these.</summary>
    private async Task<List<(ChangeType Type, List<Guid> Ids)>> DependentsAsync(
        ChangeType type, List<Guid> ids, CancellationToken cancellationToken) => type switch
    {
        // Articles show their event; people are public through published events and list them.
        ChangeType.Event =>
        [
            (ChangeType.Article, await db.Articles.Where(a => a.EventId != null && ids.Contains(a.EventId.Value))
                .Select(a => a.Id).ToListAsync(cancellationToken)),
            (ChangeType.Person, await db.Participations.Where(x => ids.Contains(x.EventId))
                .Select(x => x.PersonId).Distinct().ToListAsync(cancellationToken)),
        ],

        // Events list their participants by name.
        ChangeType.Person =>
        [
            (ChangeType.Event, await db.Participations.Where(x => ids.Contains(x.PersonId))
                .Select(x => x.EventId).Distinct().ToListAsync(cancellationToken)),
        ],

        // People show the organisations of their positions; events their organiser.
        ChangeType.Organisation =>
        [
            (ChangeType.Person, await db.PersonPositions.Where(p => p.OrganisationId != null && ids.Contains(p.OrganisationId.Value))
                .Select(p => p.PersonId).Distinct().ToListAsync(cancellationToken)),
            (ChangeType.Event, await db.Events.Where(e => e.OrganiserId != null && ids.Contains(e.OrganiserId.Value))
                .Select(e => e.Id).ToListAsync(cancellationToken)),
        ],

        // Articles show their cover and their body's photos with the captions and credits kept on the photo; events their cover.
        ChangeType.Media =>
        [
            (ChangeType.Article, await db.Articles.Where(a => a.CoverImageId != null && ids.Contains(a.CoverImageId.Value)).Select(a => a.Id)
                .Union(db.ArticleFigures.Where(f => ids.Contains(f.MediaId)).Select(f => f.ArticleId))
                .ToListAsync(cancellationToken)),
            (ChangeType.Event, await db.Events.Where(e => e.CoverImageId != null && ids.Contains(e.CoverImageId.Value))
                .Select(e => e.Id).ToListAsync(cancellationToken)),
        ],
        _ => [],
    };

    /// <summary>The articles whose entities the writes handed over, by id.</summary>
    private static Dictionary<Guid, Article> Written(IEnumerable<ChangedItem> items) =>
        items.Where(i => i.Written is not null).DistinctBy(i => i.Id).ToDictionary(i => i.Id!.Value, i => i.Written!);

    /// <summary>
    /// The state of these articles and the events that list them: those written are taken as saved, the others read in
    /// one query.
    /// </summary>
    private async Task<(List<(ChangeType Type, List<Guid> Ids)> Dependents, Dictionary<Guid, (string? Slug, bool Public)> States)> ArticlesAsync(
        List<Guid> ids, Dictionary<Guid, Article> written, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unread = ids.Where(id => !written.ContainsKey(id)).ToList();
        var articles = unread.Count == 0 ? [] : await db.Articles.Where(a => unread.Contains(a.Id))
            .Select(a => new ArticleState(a.Id, a.Slug, a.Status, a.PublishedAt, a.EventId))
            .ToListAsync(cancellationToken);
        articles.AddRange(written.Values.Select(a => new ArticleState(a.Id, a.Slug, a.Status, a.PublishedAt, a.EventId)));
        List<(ChangeType Type, List<Guid> Ids)> dependents =
        [
            (ChangeType.Event, [.. articles.Select(a => a.EventId).OfType<Guid>().Distinct()]),
        ];
        return (dependents, articles.ToDictionary(a => a.Id, a => ((string?)a.Slug, ArticleVisibility.IsVisibleAt(a.Status, a.PublishedAt, now))));
    }

    private sealed record ArticleState(Guid Id, string Slug, ArticleStatus Status, DateTimeOffset? PublishedAt, Guid? EventId);

    /// <summary>Slug and public visibility of each item that still exists, by the delivery API's own rules.</summary>
    private async Task<Dictionary<Guid, (string? Slug, bool Public)>> StatesAsync(
        ChangeType type, List<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (type == ChangeType.Article)
        {
            return (await ArticlesAsync(ids, [], now, cancellationToken)).States;
        }

        // The read rules are composed outside the projections: a method call inside one would be evaluated by compiling
        // it on every execution (the JIT then dominates a busy writer), while a captured query is inlined cheaply. Each
        // is applied to these ids only, so PostgreSQL hashes a handful of rows rather than every visible item.
        var publishedEvents = db.Events.WherePublished().Where(e => ids.Contains(e.Id)).Select(e => e.Id);
        var publicPeople = db.People.WherePublic(db).Where(p => ids.Contains(p.Id)).Select(p => p.Id);
        var rows = type switch
        {
            ChangeType.Event => await db.Events.Where(e => ids.Contains(e.Id))
                .Select(e => new State(e.Id, e.Slug, publishedEvents.Contains(e.Id)))
                .ToListAsync(cancellationToken),
            ChangeType.Person => await db.People.Where(p => ids.Contains(p.Id))
                .Select(p => new State(p.Id, null, publicPeople.Contains(p.Id)))
                .ToListAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Organisations, categories, tags and media are read in the write."),
        };
        return rows.ToDictionary(r => r.Id, r => (r.Slug, r.Public));
    }

    private sealed record State(Guid Id, string? Slug, bool Public);

    /// <summary>Organisations, categories, tags and media are public while they exist; their rows are written from their tables.</summary>
    private static bool IsAlwaysPublic(ChangeType type) =>
        type is ChangeType.Organisation or ChangeType.Category or ChangeType.Tag or ChangeType.Media;

    /// <summary>
    /// One statement for every item: its row takes a new sequence number and this transaction's id (so the feed moves
    /// it to the end), keeps its last slug once the item is gone, remembers whether readers ever saw it and the state
    /// it had before, and each public-facing transition of an article, event or person (published, updated,
    /// unpublished, deleted) becomes a webhook delivery for every enabled subscription to it: the outbox, in the same
    /// transaction, which then notifies <see cref="WebhookChannel"/> as well as <see cref="Channel"/>. Rows are written
    /// in (type, id) order, so two transactions touching the same items lock them in the same order, and the rows of
    /// items many writes share (a category) are locked only from this statement to the commit. The state before is
    /// read from the row as locked (<c>changes.state</c> in the update), so two writers of one item see each other's
    /// states in commit order.
    /// </summary>
    private async Task WriteAsync(
        List<(ChangeType Type, Guid Id, string? Slug, ChangeState State)> rows, Guid[] categories, Guid[] tags, Guid[] organisations, Guid[] media,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync(
            $"""
            WITH written AS (
                INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
                SELECT r.type, r.id, nextval('{ChangeConfiguration.SequenceName}'), pg_current_xact_id()::text::bigint,
                       r.slug, r.state, r.state = 'Public', @now
                FROM (
                    SELECT t.type, t.id, t.slug, t.state FROM unnest(@types, @ids, @slugs, @states) AS t(type, id, slug, state)
                    UNION ALL
                    SELECT '{ChangeType.Category}', t.id, c.slug, CASE WHEN c.id IS NULL THEN 'Deleted' ELSE 'Public' END
                    FROM unnest(@categories) AS t(id) LEFT JOIN categories AS c ON c.id = t.id
                    UNION ALL
                    SELECT '{ChangeType.Tag}', t.id, g.slug, CASE WHEN g.id IS NULL THEN 'Deleted' ELSE 'Public' END
                    FROM unnest(@tags) AS t(id) LEFT JOIN tags AS g ON g.id = t.id
                    UNION ALL
                    SELECT '{ChangeType.Organisation}', t.id, NULL, CASE WHEN o.id IS NULL THEN 'Deleted' ELSE 'Public' END
                    FROM unnest(@organisations) AS t(id) LEFT JOIN organisations AS o ON o.id = t.id
                    UNION ALL
                    SELECT '{ChangeType.Media}', t.id, NULL, CASE WHEN m.id IS NULL THEN 'Deleted' ELSE 'Public' END
                    FROM unnest(@media) AS t(id) LEFT JOIN media_items AS m ON m.id = t.id
                ) AS r
                ORDER BY r.type, r.id
                ON CONFLICT (type, entity_id) DO UPDATE SET
                    seq = excluded.seq,
                    xid = excluded.xid,
                    slug = COALESCE(excluded.slug, changes.slug),
                    previous_state = changes.state,
                    state = excluded.state,
                    ever_public = changes.ever_public OR excluded.ever_public,
                    changed_at = excluded.changed_at
                RETURNING type, entity_id, state, previous_state, ever_public
            ), events AS (
                SELECT w.type, w.entity_id, lower(w.type) || '.' || CASE
                    WHEN w.state = 'Public' AND w.previous_state IS DISTINCT FROM 'Public' THEN 'published'
                    WHEN w.state = 'Public' THEN 'updated'
                    WHEN w.state = 'Hidden' AND w.previous_state = 'Public' THEN 'unpublished'
                    WHEN w.state = 'Deleted' AND w.ever_public THEN 'deleted'
                END AS event_type
                FROM written AS w
                WHERE w.type IN ('{ChangeType.Article}', '{ChangeType.Event}', '{ChangeType.Person}')
            ), queued AS (
                INSERT INTO webhook_deliveries (id, subscription_id, event_type, item_type, item_id, created_at, status, attempts, next_attempt_at)
                SELECT gen_random_uuid(), s.id, e.event_type, e.type, e.entity_id, @now, 'Pending', 0, @now
                FROM events AS e
                JOIN webhook_subscriptions AS s ON s.enabled AND s.event_types && ARRAY['*', lower(e.type) || '.*', e.event_type]
                WHERE e.event_type IS NOT NULL
                ORDER BY e.type, e.entity_id, s.id
                RETURNING 1
            )
            SELECT pg_notify('{WebhookChannel}', '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued;
            SELECT pg_notify('{Channel}', '');
            """,
            [
                new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Type.ToString()).ToArray() },
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.Id).ToArray() },
                new NpgsqlParameter("slugs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Slug).ToArray() },
                new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.State.ToString()).ToArray() },
                new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = categories },
                new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = tags },
                new NpgsqlParameter("organisations", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = organisations },
                new NpgsqlParameter("media", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = media },
                new NpgsqlParameter("now", now.ToUniversalTime()),
            ],
            cancellationToken);
    }
}
