using KhoaGiao.Api.Features.Accounts;
using KhoaGiao.Api.Features.ApiKeys;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Features.Idempotency;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Features.Taxonomy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Data;

public sealed class KhoaGiaoDbContext : IdentityDbContext<EditorUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    public KhoaGiaoDbContext(DbContextOptions<KhoaGiaoDbContext> options)
        : base(options)
    {
        // No write recovers from a failed save inside its transaction (a failure rolls the whole write back), so the
        // savepoint EF would set around every SaveChanges in a transaction costs two round trips for nothing.
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>
    /// Whether the current transaction recorded changes in the change log; <see cref="Features.Sync.ChangeCommitInterceptor"/>
    /// evicts this process's delivery cache when it commits, before the notification reaches the other instances.
    /// </summary>
    public bool ChangesRecorded { get; set; }

    /// <summary>The Data Protection key ring, shared by every process: tokens signed by one are read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleSlugRedirect> ArticleSlugRedirects => Set<ArticleSlugRedirect>();

    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ArticleViewTotal> ArticleViewTotals => Set<ArticleViewTotal>();

    public DbSet<ArticleViewDay> ArticleViewDays => Set<ArticleViewDay>();

    public DbSet<VisitorDay> VisitorDays => Set<VisitorDay>();

    public DbSet<DailyVisits> DailyVisits => Set<DailyVisits>();

    public DbSet<VisitorActivity> VisitorActivity => Set<VisitorActivity>();

    public DbSet<CountedView> CountedViews => Set<CountedView>();

    public DbSet<CounterFlush> CounterFlushes => Set<CounterFlush>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Features.Media.MediaItem> MediaItems => Set<Features.Media.MediaItem>();

    public DbSet<ArticleFigure> ArticleFigures => Set<ArticleFigure>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonPosition> PersonPositions => Set<PersonPosition>();

    public DbSet<Event> Events => Set<Event>();

    public DbSet<Participation> Participations => Set<Participation>();

    /// <summary>The change log: one row per item with its latest change.</summary>
    public DbSet<Change> Changes => Set<Change>();

    public DbSet<ChangeLogHorizon> ChangeLogHorizon => Set<ChangeLogHorizon>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();

    /// <summary>The webhook outbox: one row per event and subscription, written with the change.</summary>
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();

    public DbSet<Features.Webhooks.WebhookAttempt> WebhookAttempts => Set<Features.Webhooks.WebhookAttempt>();

    public DbSet<Features.Imports.ImportRun> ImportRuns => Set<Features.Imports.ImportRun>();

    public DbSet<Features.Imports.ImportCheckpoint> ImportCheckpoints => Set<Features.Imports.ImportCheckpoint>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Identity names its tables AspNet…; these match the snake_case of the rest of the schema.
        modelBuilder.Entity<EditorUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole<Guid>>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KhoaGiaoDbContext).Assembly);
        modelBuilder.HasSequence<long>(ChangeConfiguration.SequenceName);

        // Ids are UUIDv7 made in code. Telling EF so makes an entity added through a navigation (a person's new
        // position) an insert; with a "generated" key and a value already set, EF would take it for an update.
        foreach (var property in modelBuilder.Model.GetEntityTypes()
                     .SelectMany(e => e.FindPrimaryKey()?.Properties ?? [])
                     .Where(p => p.ClrType == typeof(Guid) && p.Name == "Id"))
        {
            property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }
}
