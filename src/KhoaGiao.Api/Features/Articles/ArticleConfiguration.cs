using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Articles;

public sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public const int TitleMaxLength = 300;
    public const int SummaryMaxLength = 2000;
    public const int UrlMaxLength = 2048;
    public const int SourceNameMaxLength = 200;
    public const int ExternalIdMaxLength = 200;

    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.HasKey(a => a.Id);
        // Slugs are ASCII; the C collation lets the unique index also serve the prefix search for free numbered slugs.
        builder.Property(a => a.Slug).HasMaxLength(Text.SlugGenerator.MaxLength).UseCollation("C");
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(TitleMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(SummaryMaxLength);
        builder.Property(a => a.CoverImageUrl).HasMaxLength(UrlMaxLength);
        builder.HasOne(a => a.CoverImage).WithMany().HasForeignKey(a => a.CoverImageId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Version).IsRowVersion();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_articles_status", "status IN ('Draft', 'InReview', 'Scheduled', 'Published', 'Archived')");
            t.HasCheckConstraint("ck_articles_published_at", "status NOT IN ('Published', 'Scheduled') OR published_at IS NOT NULL");
            t.HasCheckConstraint("ck_articles_one_cover", "cover_image_url IS NULL OR cover_image_id IS NULL");
        });

        builder.OwnsOne(a => a.Source, source =>
        {
            source.Property(s => s.Name).HasMaxLength(SourceNameMaxLength);
            source.Property(s => s.Url).HasMaxLength(UrlMaxLength);
            source.Property(s => s.ExternalId).HasMaxLength(ExternalIdMaxLength);
            source.Property(s => s.Key).HasMaxLength(SourceNameMaxLength);
            source.HasIndex(s => new { s.Key, s.ExternalId }).IsUnique();
        });
        builder.Navigation(a => a.Source).IsRequired();
        // The search columns share the row (table splitting); Features/Search/ArticleSearchColumns maps them.
        builder.HasOne(a => a.Search).WithOne().HasForeignKey<Search.ArticleSearchColumns>(s => s.Id);
        builder.Navigation(a => a.Search).IsRequired();

        // The delivery list's sort; partial so it only holds what anonymous readers can see.
        builder.HasIndex(a => new { a.PublishedAt, a.Id })
            .IsDescending(true, true)
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_articles_published_feed");
        builder.HasIndex(a => new { a.CreatedAt, a.Id }).IsDescending(true, true);

        // The scheduler's queue: only scheduled rows, by due time.
        builder.HasIndex(a => a.PublishedAt).HasFilter("status = 'Scheduled'").HasDatabaseName("ix_articles_scheduled");
        builder.HasIndex(a => a.FeaturedOrder).HasFilter("featured").HasDatabaseName("ix_articles_featured");
        builder.HasOne<Accounts.EditorUser>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.SetNull);

        builder.HasOne(a => a.Category).WithMany(c => c.Articles).HasForeignKey(a => a.CategoryId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(a => a.ViewTotal).WithOne().HasForeignKey<Counters.ArticleViewTotal>(t => t.ArticleId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.Event).WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Tags).WithMany(t => t.Articles).UsingEntity("article_tags");
        builder.HasMany(a => a.SlugRedirects).WithOne().HasForeignKey(r => r.ArticleId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
