using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Counters;

public sealed class ArticleViewTotalConfiguration : IEntityTypeConfiguration<ArticleViewTotal>
{
    public void Configure(EntityTypeBuilder<ArticleViewTotal> builder)
    {
        builder.HasKey(t => t.ArticleId);
        builder.ToTable(t => t.HasCheckConstraint("ck_article_view_totals_views", "views >= 0"));
    }
}
