namespace KhoaGiao.Api.Features.Imports;

/// <summary>How a run ended: its status and record, or, when it did not run, why (<see cref="Status"/> null).</summary>
public sealed record ImportOutcome(ImportRunStatus? Status, Guid? RunId, string? Error)
{
    public static ImportOutcome NotRun(string why) => new(null, null, why);
}
