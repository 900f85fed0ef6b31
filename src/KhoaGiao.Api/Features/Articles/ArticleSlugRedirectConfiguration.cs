using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Articles;

public sealed class ArticleSlugRedirectConfiguration : IEntityTypeConfiguration<ArticleSlugRedirect>
{
    public void Configure(EntityTypeBuilder<ArticleSlugRedirect> builder)
    {
        builder.HasKey(r => r.Slug);
        builder.Property(r => r.Slug).HasMaxLength(Text.SlugGenerator.MaxLength).UseCollation("C");
        builder.HasIndex(r => r.ArticleId);
    }
}
