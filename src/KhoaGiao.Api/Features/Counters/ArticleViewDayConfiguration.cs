using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class ArticleViewDayConfiguration : IEntityTypeConfiguration<ArticleViewDay>
{
    public void Configure(EntityTypeBuilder<ArticleViewDay> builder)
    {
        builder.HasKey(d => new { d.ArticleId, d.Day });
        builder.HasIndex(d => d.Day);
        builder.HasOne<Articles.Article>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_article_view_days_views", "views >= 0"));
    }
}
