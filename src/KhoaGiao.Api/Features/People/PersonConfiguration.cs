using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.People;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public const int FullNameMaxLength = 150;

    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FullName).HasMaxLength(FullNameMaxLength);
        builder.Property(p => p.SearchName).HasMaxLength(FullNameMaxLength);
        builder.HasIndex(p => p.SearchName);
        builder.HasMany(p => p.Positions).WithOne().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
