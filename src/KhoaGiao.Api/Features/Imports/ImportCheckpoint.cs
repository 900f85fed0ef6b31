namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Where an unfinished import of a source stopped: every item before <see cref="Position"/> is done, so the next run
/// of the same source and location starts there. Removed when a run reads the source to its end.
/// </summary>
public sealed class ImportCheckpoint
{
    public required string SourceKey { get; set; }

    public required string Location { get; set; }

    public int Position { get; set; }

    public Guid RunId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
