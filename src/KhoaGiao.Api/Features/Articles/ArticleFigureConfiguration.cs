using KhoaGiao.Api.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Articles;

public sealed class ArticleFigureConfiguration : IEntityTypeConfiguration<ArticleFigure>
{
    public void Configure(EntityTypeBuilder<ArticleFigure> builder)
    {
        builder.HasKey(f => new { f.ArticleId, f.MediaId });
        builder.HasIndex(f => f.MediaId);
        builder.HasOne<Article>().WithMany(a => a.Figures).HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MediaItem>().WithMany().HasForeignKey(f => f.MediaId).OnDelete(DeleteBehavior.Restrict);
    }
}
