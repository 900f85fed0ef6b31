using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class CounterFlushConfiguration : IEntityTypeConfiguration<CounterFlush>
{
    public void Configure(EntityTypeBuilder<CounterFlush> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => f.FlushedAt);
    }
}
