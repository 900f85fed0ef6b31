using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Sync;

public sealed class ChangeLogHorizonConfiguration : IEntityTypeConfiguration<ChangeLogHorizon>
{
    public void Configure(EntityTypeBuilder<ChangeLogHorizon> builder)
    {
        builder.ToTable("change_log_horizon", t => t.HasCheckConstraint("ck_change_log_horizon_singleton", "id = 1"));
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
    }
}
