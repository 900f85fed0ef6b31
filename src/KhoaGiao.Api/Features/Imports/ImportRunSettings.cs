namespace KhoaGiao.Api.Features.Imports;

/// <summary>How one run goes.</summary>
/// <param name="Trigger">What started it.</param>
/// <param name="Concurrency">Items written at the same time.</param>
/// <param name="DryRun">Read, map and validate every item and say which are new, writing nothing (no run is recorded either).</param>
/// <param name="Restart">Start from the first item even if an earlier run of the source stopped half-way.</param>
/// <param name="NotIfStartedSince">Run only if no run of the source started after this time (the schedule's rule, checked under the source's lock).</param>
public sealed record ImportRunSettings(
    ImportTrigger Trigger, int Concurrency, bool DryRun = false, bool Restart = false, DateTimeOffset? NotIfStartedSince = null);
