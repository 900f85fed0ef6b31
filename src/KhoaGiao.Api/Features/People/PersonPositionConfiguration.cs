using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.People;

public sealed class PersonPositionConfiguration : IEntityTypeConfiguration<PersonPosition>
{
    public const int TitleMaxLength = 300;

    public void Configure(EntityTypeBuilder<PersonPosition> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(TitleMaxLength);
        builder.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PersonId);
        builder.Property(p => p.From).HasColumnName("valid_from");
        builder.Property(p => p.To).HasColumnName("valid_to");
        builder.ToTable(t => t.HasCheckConstraint("ck_person_positions_term", "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to"));
    }
}
