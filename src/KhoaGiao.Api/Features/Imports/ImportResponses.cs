namespace KhoaGiao.Api.Features.Imports;

/// <summary>An import run: what started it, where it stands, and what it did.</summary>
public record ImportRunResponse
{
    /// <example>0199a6c2-5b7e-7c1a-9d3e-4f1a2b3c4d70</example>
    public Guid Id { get; init; }

    /// <example>Báo Hà Nam</example>
    public required string SourceName { get; init; }

    /// <example>rss</example>
    public ImportKind Kind { get; init; }

    /// <summary>The feed URL, site URL or file read (without its query string, which may hold a key).</summary>
    /// <example>https://baohanam.com.vn/rss/chinh-tri.rss</example>
    public required string Location { get; init; }

    /// <example>schedule</example>
    public ImportTrigger Trigger { get; init; }

    /// <example>succeeded</example>
    public ImportRunStatus Status { get; init; }

    /// <example>2026-12-07T08:00:00+00:00</example>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Last time the run saved its counts (every two seconds while it runs).</summary>
    /// <example>2026-12-07T08:00:41+00:00</example>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <example>2026-12-07T08:00:41+00:00</example>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The item the run started at: 0, or where a stopped run of the same source had got to.</summary>
    /// <example>0</example>
    public int ResumedFrom { get; init; }

    /// <example>50</example>
    public int Seen { get; init; }

    /// <example>3</example>
    public int Created { get; init; }

    /// <example>1</example>
    public int Updated { get; init; }

    /// <example>46</example>
    public int Unchanged { get; init; }

    /// <summary>Items published before the run's since-date.</summary>
    /// <example>0</example>
    public int Skipped { get; init; }

    /// <example>0</example>
    public int Failed { get; init; }

    /// <summary>Why the source could not be read to its end (a <c>failed</c> run).</summary>
    /// <example>null</example>
    public string? Error { get; init; }
}

/// <summary>An import run with the items it could not import (the first 100) and why.</summary>
public sealed record ImportRunDetailResponse : ImportRunResponse
{
    [OpenApi.MostItems(ImportRun.MaxFailuresKept)]
    public IReadOnlyList<ImportFailureResponse> Failures { get; init; } = [];
}

/// <summary>An item an import could not bring in.</summary>
public sealed record ImportFailureResponse
{
    /// <summary>The item's place in the source, from 0.</summary>
    /// <example>17</example>
    public int Position { get; init; }

    /// <summary>Its id at the source, when it has one.</summary>
    /// <example>https://baohanam.com.vn/?p=12345</example>
    public string? ExternalId { get; init; }

    /// <example>title: 'title' không được để trống.</example>
    public required string Reason { get; init; }
}
