using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class DailyVisitsConfiguration : IEntityTypeConfiguration<DailyVisits>
{
    public void Configure(EntityTypeBuilder<DailyVisits> builder)
    {
        builder.HasKey(d => d.Day);
        builder.ToTable(t => t.HasCheckConstraint("ck_daily_visits_visits", "visits >= 0"));
    }
}
