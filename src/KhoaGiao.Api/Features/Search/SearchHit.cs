using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KhoaGiao.Api.Features.Search;

/// <summary>
/// A document a search found, with its rank: read from SQL of the search's own (<see cref="ArticleSearch"/>), joined to
/// the documents' table, and not a table itself.
/// </summary>
public sealed class SearchHit
{
    public Guid Id { get; init; }

    /// <summary>0 is best: the words as a phrase in the title, all in the title, as a phrase in the summary, all in the
    /// title and summary, anywhere.</summary>
    public int Tier { get; init; }

    /// <summary>Whether the last word is there as a whole word, not only as the start of a longer one.</summary>
    public bool Whole { get; init; }

    /// <summary>Whether the words typed with marks are in the title or summary with those marks.</summary>
    public bool Exact { get; init; }
}

public sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder)
    {
        builder.HasNoKey();
        builder.ToTable((string?)null);
    }
}
