using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Imports;

public sealed class ImportCheckpointConfiguration : IEntityTypeConfiguration<ImportCheckpoint>
{
    public void Configure(EntityTypeBuilder<ImportCheckpoint> builder)
    {
        builder.HasKey(c => new { c.SourceKey, c.Location });
        builder.Property(c => c.SourceKey).HasMaxLength(Articles.ArticleConfiguration.SourceNameMaxLength);
        builder.Property(c => c.Location).HasMaxLength(ImportRunConfiguration.LocationMaxLength);
    }
}
