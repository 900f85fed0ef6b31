using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class CountedViewConfiguration : IEntityTypeConfiguration<CountedView>
{
    public void Configure(EntityTypeBuilder<CountedView> builder)
    {
        builder.HasKey(v => new { v.VisitorId, v.ArticleId });

        // Pruning deletes by age, once a minute.
        builder.HasIndex(v => v.CountedAt);
    }
}
