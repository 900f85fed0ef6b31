using KhoaGiao.Api.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Imports;

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public const int LocationMaxLength = 2048;

    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SourceName).HasMaxLength(ArticleConfiguration.SourceNameMaxLength);
        builder.Property(r => r.SourceKey).HasMaxLength(ArticleConfiguration.SourceNameMaxLength);
        builder.Property(r => r.Location).HasMaxLength(LocationMaxLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.OwnsMany(r => r.Failures, failures => failures.ToJson());
        builder.HasIndex(r => new { r.StartedAt, r.Id }).IsDescending(true, true);
        builder.HasIndex(r => new { r.SourceKey, r.Location, r.StartedAt });
    }
}
