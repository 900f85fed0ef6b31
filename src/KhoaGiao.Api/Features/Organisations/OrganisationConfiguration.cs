using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Organisations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public const int NameMaxLength = 300;
    public const int ShortNameMaxLength = 100;

    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(NameMaxLength);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.ShortName).HasMaxLength(ShortNameMaxLength);
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_organisations_not_own_parent", "parent_id IS NULL OR parent_id <> id"));
    }
}
