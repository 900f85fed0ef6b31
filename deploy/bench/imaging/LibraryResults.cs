namespace KhoaGiao.Bench.Imaging;

/// <summary>What one library's process measured and checked, written as JSON for the report.</summary>
public sealed record LibraryResults(
    string Library,
    string Version,
    string Licence,
    string Settings,
    int Runs,
    int Warmup,
    string LoadAverageAtStart,
    string LoadAverageAtEnd,
    double LoadMilliseconds,
    long ResidentAfterLoadKiB,
    long PeakResidentKiB,
    double CpuSeconds,
    bool PeakResettable,
    BombResult Bomb,
    IReadOnlyList<JobResult> Jobs,
    IReadOnlyList<OutputResult> Outputs,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<IdentificationResult> Identifications);

/// <summary>The header-only refusal of the oversized PNG, timed over every run.</summary>
public sealed record BombResult(string DeclaredSize, bool Refused, string How, double P50Microseconds, double MaxMicroseconds,
    long ResidentBeforeKiB, long PeakKiB);

/// <summary>One job timed over the runs: wall clock (nearest-rank percentiles), process CPU a run, resident peak during the runs.</summary>
public sealed record JobResult(string Slug, string Name, string Input, string Widths, int Runs, double P50Milliseconds,
    double P95Milliseconds, double MinMilliseconds, double MaxMilliseconds, double CpuMillisecondsPerRun, long PeakResidentKiB);

/// <summary>One rendition of a job's last run, as its bytes say (<see cref="EncodedFile"/>).</summary>
public sealed record OutputResult(string Job, string Format, int Width, int Height, int Bytes, string Metadata);

public sealed record CheckResult(string Name, bool Passed, string Detail);

public sealed record IdentificationResult(string File, string What, string Sniffed, string Library);
