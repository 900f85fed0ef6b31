namespace KhoaGiao.Api.Features.Imports;

/// <summary>One import of a source ("đợt nhập bài"), by the command or the schedule, with what it did.</summary>
public sealed class ImportRun
{
    /// <summary>Most failures a run keeps; the counts go on past them.</summary>
    public const int MaxFailuresKept = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string SourceName { get; set; }

    /// <summary>The source name folded (see <see cref="Articles.ArticleSource.KeyOf"/>).</summary>
    public required string SourceKey { get; set; }

    public ImportKind Kind { get; set; }

    /// <summary>The feed URL, site URL or file read.</summary>
    public required string Location { get; set; }

    public ImportTrigger Trigger { get; set; }

    public ImportRunStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Last time the run saved its counts; a running run that stops saving has lost its process.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The position the run started at: 0, or where an unfinished run of the same source stopped.</summary>
    public int ResumedFrom { get; set; }

    public int Seen { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    /// <summary>Items older than the run's since-date.</summary>
    public int Skipped { get; set; }

    public int Failed { get; set; }

    /// <summary>Why the source could not be read to its end, for a failed run.</summary>
    public string? Error { get; set; }

    /// <summary>The first <see cref="MaxFailuresKept"/> failed items.</summary>
    public List<ImportFailure> Failures { get; set; } = [];
}
