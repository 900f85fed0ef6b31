using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class VisitorActivityConfiguration : IEntityTypeConfiguration<VisitorActivity>
{
    public void Configure(EntityTypeBuilder<VisitorActivity> builder)
    {
        builder.HasKey(a => a.VisitorId);
        builder.HasIndex(a => a.LastSeenAt);
    }
}
