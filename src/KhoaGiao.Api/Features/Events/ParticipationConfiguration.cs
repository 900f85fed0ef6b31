using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Events;

public sealed class ParticipationConfiguration : IEntityTypeConfiguration<Participation>
{
    public const int TitleMaxLength = 300;

    public void Configure(EntityTypeBuilder<Participation> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
        builder.Property(p => p.TitleAtEvent).HasMaxLength(TitleMaxLength);
        builder.HasIndex(p => new { p.EventId, p.PersonId, p.Role }).IsUnique();
        builder.HasIndex(p => p.PersonId);
        builder.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint(
            "ck_participations_role", "role IN ('ChuTri', 'PhatBieuChiDao', 'ThamLuan', 'PhatBieuKetLuan', 'Du')"));
    }
}
