using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class VisitorDayConfiguration : IEntityTypeConfiguration<VisitorDay>
{
    public void Configure(EntityTypeBuilder<VisitorDay> builder) => builder.HasKey(v => new { v.Day, v.VisitorId });
}
