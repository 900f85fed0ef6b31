using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Taxonomy;

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Slug).HasMaxLength(Text.SlugGenerator.MaxLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(NameMaxLength);
    }
}
