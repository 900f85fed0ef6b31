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

        foreach (var group in items.Where(i => i.Id is not null).GroupBy(i => i.Type))
        {
            var ids = group.Select(i => i.Id!.Value).Distinct().ToList();
            Add(group.Key, ids);
            foreach (var (dependentType, dependentIds) in await DependentsAsync(group.Key, ids, cancellationToken))
            {
                Add(dependentType, dependentIds);
            }
        }

        var now = clock.GetUtcNow();
        foreach (var (type, ids) in affected.Where(a => a.Value.Count > 0))
        {
            var states = await StatesAsync(type, [.. ids], now, cancellationToken);
            await WriteAsync(type, ids, states, now, cancellationToken);
        }

        db.ChangesRecorded = true;
    }

    /// <summary>The items whose delivery representation shows something of these.</summary>
    private async Task<List<(ChangeType Type, List<Guid> Ids)>> DependentsAsync(
        ChangeType type, List<Guid> ids, CancellationToken cancellationToken) => type switch
    {
        // An event lists its published articles; categories and tags count them.
        ChangeType.Article =>
        [
            (ChangeType.Event, await db.Articles.Where(a => ids.Contains(a.Id) && a.EventId != null)
                .Select(a => a.EventId!.Value).Distinct().ToListAsync(cancellationToken)),
            (ChangeType.Category, await db.Articles.Where(a => ids.Contains(a.Id) && a.CategoryId != null)
                .Select(a => a.CategoryId!.Value).Distinct().ToListAsync(cancellationToken)),
            (ChangeType.Tag, await db.Articles.Where(a => ids.Contains(a.Id))
                .SelectMany(a => a.Tags.Select(t => t.Id)).Distinct().ToListAsync(cancellationToken)),
        ],

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
        _ => [],
    };

    /// <summary>Slug and public visibility of each item that still exists, by the delivery API's own rules.</summary>
    private async Task<Dictionary<Guid, (string? Slug, bool Public)>> StatesAsync(
        ChangeType type, List<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The read rules are composed outside the projections: a method call inside one would be evaluated by compiling
        // it on every execution (the JIT then dominates a busy writer), while a captured query is inlined cheaply.
        var visibleArticles = db.Articles.WhereVisibleAt(now);
        var publishedEvents = db.Events.WherePublished();
        var publicPeople = db.People.WherePublic(db);
        var rows = type switch
        {
            ChangeType.Article => await db.Articles.Where(a => ids.Contains(a.Id))
                .Select(a => new State(a.Id, a.Slug, visibleArticles.Any(v => v.Id == a.Id)))
                .ToListAsync(cancellationToken),
            ChangeType.Event => await db.Events.Where(e => ids.Contains(e.Id))
                .Select(e => new State(e.Id, e.Slug, publishedEvents.Any(v => v.Id == e.Id)))
                .ToListAsync(cancellationToken),
            ChangeType.Person => await db.People.Where(p => ids.Contains(p.Id))
                .Select(p => new State(p.Id, null, publicPeople.Any(v => v.Id == p.Id)))
                .ToListAsync(cancellationToken),
            ChangeType.Organisation => await db.Organisations.Where(o => ids.Contains(o.Id))
                .Select(o => new State(o.Id, null, true)).ToListAsync(cancellationToken),
            ChangeType.Category => await db.Categories.Where(c => ids.Contains(c.Id))
                .Select(c => new State(c.Id, c.Slug, true)).ToListAsync(cancellationToken),
            _ => await db.Tags.Where(t => ids.Contains(t.Id))
                .Select(t => new State(t.Id, t.Slug, true)).ToListAsync(cancellationToken),
        };
        return rows.ToDictionary(r => r.Id, r => (r.Slug, r.Public));
    }

    private sealed record State(Guid Id, string? Slug, bool Public);

    /// <summary>
    /// One upsert per type: the item's row takes a new sequence number and this transaction's id (so the feed moves it
    /// to the end), keeps its last slug once the item is gone, and remembers whether readers ever saw it.
    /// </summary>
    private async Task WriteAsync(
        ChangeType type, HashSet<Guid> ids, Dictionary<Guid, (string? Slug, bool Public)> states, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ordered = ids.Order().ToArray();
        var slugs = ordered.Select(id => states.TryGetValue(id, out var s) ? s.Slug : null).ToArray();
        var stateNames = ordered.Select(id => (states.TryGetValue(id, out var s)
            ? s.Public ? ChangeState.Public : ChangeState.Hidden
            : ChangeState.Deleted).ToString()).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            $"""
            INSERT INTO changes (type, entity_id, seq, xid, slug, state, ever_public, changed_at)
            SELECT @type, t.id, nextval('{ChangeConfiguration.SequenceName}'), pg_current_xact_id()::text::bigint,
                   t.slug, t.state, t.state = 'Public', @now
            FROM unnest(@ids, @slugs, @states) WITH ORDINALITY AS t(id, slug, state, n)
            ORDER BY t.n
            ON CONFLICT (type, entity_id) DO UPDATE SET
                seq = excluded.seq,
                xid = excluded.xid,
                slug = COALESCE(excluded.slug, changes.slug),
                state = excluded.state,
                ever_public = changes.ever_public OR excluded.ever_public,
                changed_at = excluded.changed_at;
            SELECT pg_notify('{Channel}', @type);
            """,
            [
                new NpgsqlParameter("type", type.ToString()),
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ordered },
                new NpgsqlParameter("slugs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = slugs },
                new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = stateNames },
                new NpgsqlParameter("now", now.ToUniversalTime()),
            ],
            cancellationToken);
    }
}
