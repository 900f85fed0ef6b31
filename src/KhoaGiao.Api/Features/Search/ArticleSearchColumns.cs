using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// An article's search columns, in its own row of <c>articles</c> (table splitting): written by the service whenever the
/// title, summary or body is (<see cref="ArticleSearchInterceptor"/>), and never read by it, so that loading an article
/// does not load its index. The trigger <c>articles_search</c> computes the same values in SQL for other writers.
/// </summary>
public sealed class ArticleSearchColumns
{
    public Guid Id { get; init; }

    /// <summary>Every folded word of title, summary and body; those of title and summary with their positions.</summary>
    public NpgsqlTsVector Vector { get; set; } = NpgsqlTsVector.Empty;

    /// <summary>The folded words of the title (weight A) and summary (B), with their positions.</summary>
    public NpgsqlTsVector Head { get; set; } = NpgsqlTsVector.Empty;

    /// <summary>The words of title and summary with their marks (<see cref="SearchText.Exact"/>).</summary>
    public NpgsqlTsVector Exact { get; set; } = NpgsqlTsVector.Empty;
}

public sealed class ArticleSearchColumnsConfiguration : IEntityTypeConfiguration<ArticleSearchColumns>
{
    public void Configure(EntityTypeBuilder<ArticleSearchColumns> builder)
    {
        builder.ToTable("articles");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Vector).HasColumnName("search_vector").HasDefaultValueSql("''::tsvector");
        builder.Property(s => s.Head).HasColumnName("search_head").HasDefaultValueSql("''::tsvector");
        builder.Property(s => s.Exact).HasColumnName("search_exact").HasDefaultValueSql("''::tsvector");
    }
}
