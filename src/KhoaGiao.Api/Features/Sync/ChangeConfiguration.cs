using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Sync;

public sealed class ChangeConfiguration : IEntityTypeConfiguration<Change>
{
    public const string SequenceName = "change_seq";

    public void Configure(EntityTypeBuilder<Change> builder)
    {
        builder.ToTable("changes");
        builder.HasKey(c => new { c.Type, c.EntityId });
        builder.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.PreviousState).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Slug).HasMaxLength(Text.SlugGenerator.MaxLength);
        builder.HasIndex(c => new { c.Xid, c.Seq }).IsUnique();
        builder.HasIndex(c => c.ChangedAt).HasFilter("state = 'Deleted'").HasDatabaseName("ix_changes_tombstones");
    }
}
