using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Media;

public sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public const int FileNameMaxLength = 255;
    public const int AltMaxLength = 500;
    public const int CaptionMaxLength = 2000;
    public const int CreditMaxLength = 300;

    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("media_items", t =>
        {
            t.HasCheckConstraint("ck_media_items_size", "width > 0 AND height > 0 AND bytes > 0");
            t.HasCheckConstraint("ck_media_items_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Format).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(m => m.FileName).HasMaxLength(FileNameMaxLength);
        builder.Property(m => m.Alt).HasMaxLength(AltMaxLength);
        builder.Property(m => m.Caption).HasMaxLength(CaptionMaxLength);
        builder.Property(m => m.Credit).HasMaxLength(CreditMaxLength);
        builder.Property(m => m.SearchText).HasMaxLength(FileNameMaxLength + AltMaxLength + CaptionMaxLength + CreditMaxLength + 3);
        builder.HasIndex(m => new { m.CreatedAt, m.Id });
        builder.Property(m => m.Version).IsRowVersion();
    }
}
