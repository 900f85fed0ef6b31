using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Taxonomy;

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Slug).HasMaxLength(Text.SlugGenerator.MaxLength);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Name).HasMaxLength(NameMaxLength);
    }
}
