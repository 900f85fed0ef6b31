using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Events;

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public const int TitleMaxLength = 300;
    public const int LocationMaxLength = 300;
    public const int SummaryMaxLength = 2000;

    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.HasKey(e => e.Id);
        // Slugs are ASCII; the C collation lets the unique index also serve the range search for free numbered slugs.
        builder.Property(e => e.Slug).HasMaxLength(Text.SlugGenerator.MaxLength).UseCollation("C");
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Title).HasMaxLength(TitleMaxLength);
        builder.Property(e => e.Location).HasMaxLength(LocationMaxLength);
        builder.Property(e => e.Summary).HasMaxLength(SummaryMaxLength);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasOne(e => e.Organiser).WithMany().HasForeignKey(e => e.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.CoverImage).WithMany().HasForeignKey(e => e.CoverImageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Participations).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.StartsAt, e.Id });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_events_kind", "kind IN ('ToaDam', 'HoiNghi', 'HoiThao', 'Le', 'Khac')");
            t.HasCheckConstraint("ck_events_status", "status IN ('Draft', 'Published')");
            t.HasCheckConstraint("ck_events_ends_after_start", "ends_at IS NULL OR ends_at >= starts_at");
        });
    }
}
