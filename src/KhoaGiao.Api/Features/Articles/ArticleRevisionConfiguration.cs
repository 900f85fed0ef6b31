using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Articles;

public sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.Property(r => r.ActorId).HasMaxLength(64);
        builder.Property(r => r.ActorName).HasMaxLength(256);
        builder.Property(r => r.Action).HasMaxLength(32);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.OwnsOne(r => r.Content, content => content.ToJson());
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
