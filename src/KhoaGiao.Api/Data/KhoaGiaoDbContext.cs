using KhoaGiao.Api.Features.ApiKeys;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Features.Counters;
using KhoaGiao.Api.Features.Events;
using KhoaGiao.Api.Features.Organisations;
using KhoaGiao.Api.Features.People;
using KhoaGiao.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Data;

public sealed class KhoaGiaoDbContext(DbContextOptions<KhoaGiaoDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();

    public DbSet<ArticleSlugRedirect> ArticleSlugRedirects => Set<ArticleSlugRedirect>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ArticleViewTotal> ArticleViewTotals => Set<ArticleViewTotal>();

    public DbSet<ArticleViewDay> ArticleViewDays => Set<ArticleViewDay>();

    public DbSet<VisitorDay> VisitorDays => Set<VisitorDay>();

    public DbSet<DailyVisits> DailyVisits => Set<DailyVisits>();

    public DbSet<VisitorActivity> VisitorActivity => Set<VisitorActivity>();

    public DbSet<CounterFlush> CounterFlushes => Set<CounterFlush>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<PersonPosition> PersonPositions => Set<PersonPosition>();

    public DbSet<Event> Events => Set<Event>();

    public DbSet<Participation> Participations => Set<Participation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KhoaGiaoDbContext).Assembly);

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
