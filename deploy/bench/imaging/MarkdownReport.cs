using System.Globalization;
using System.Text;

namespace KhoaGiao.Bench.Imaging;

/// <summary>The report of one run of deploy/bench/imaging.sh: every library side by side, from the JSON of its process.</summary>
public static class MarkdownReport
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <param name="context">Markdown lines from the script: commit, machine, load, settings.</param>
    public static string Write(IReadOnlyList<LibraryResults> results, string inputDirectory, string context)
    {
        var text = new StringBuilder();
        var failed = results.SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => $"{r.Library}: {c.Name} ({c.Detail})")).ToList();
        var first = results[0];
        Line(text, $"# Imaging benchmark — {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", En)}");
        Line(text);
        Line(text, failed.Count == 0
            ? $"Checks: **PASS** ({results.Sum(r => r.Checks.Count)} checks, {string.Join(" and ", results.Select(r => $"{r.Checks.Count} of {r.Library}"))}). Produced by `deploy/bench/imaging.sh`."
            : $"Checks: **FAIL** ({failed.Count} failed; below). Produced by `deploy/bench/imaging.sh`.");
        foreach (var failure in failed)
        {
            Line(text, $"- FAILED {failure}");
        }
        Line(text);

        Line(text, "## Upload jobs");
        Line(text);
        Line(text, $"Wall clock of one upload's job, p50 / p95 (nearest rank) of {first.Runs} runs after {first.Warmup} warm-up runs, each " +
            "library in a process of its own. A job is the upload path up to the stored renditions: type by magic number, " +
            "header only, the 50 MP limit, decode, orientation, resize, encode each width as WebP and JPEG, metadata stripped. " +
            "CPU is the process's CPU time a run (every thread); peak RSS is the process's resident peak during that job's runs.");
        Line(text);
        var head = new StringBuilder("| job |");
        var rule = new StringBuilder("| --- |");
        foreach (var r in results)
        {
            head.Append($" {r.Library} p50 ms | p95 ms | CPU ms a run | peak RSS MiB |");
            rule.Append(" ---: | ---: | ---: | ---: |");
        }
        Line(text, head.ToString());
        Line(text, rule.ToString());
        foreach (var job in first.Jobs)
        {
            var row = new StringBuilder($"| {job.Name} (widths {job.Widths}) |");
            foreach (var r in results)
            {
                var j = r.Jobs.Single(x => x.Slug == job.Slug);
                row.Append($" {Ms(j.P50Milliseconds)} | {Ms(j.P95Milliseconds)} | {Ms(j.CpuMillisecondsPerRun)} | {Mib(j.PeakResidentKiB)} |");
            }
            Line(text, row.ToString());
        }
        Line(text);

        Line(text, "## Decompression bomb: refused from the header");
        Line(text);
        Line(text, $"`{TestImages.Bomb}`: a PNG whose IHDR declares {TestImages.BombSide:N0} × {TestImages.BombSide:N0} and whose IDAT holds one " +
            "1×1 pixel row. Decoding it would need 28 GiB (or fail on the missing rows), so an answer in microseconds " +
            "with no growth in resident memory means no pixel was decoded.");
        Line(text);
        Line(text, "| library | size read from the header | refused | p50 µs | max µs | RSS before MiB | peak during the runs MiB |");
        Line(text, "| --- | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var b = r.Bomb;
            Line(text, $"| {r.Library} | {b.DeclaredSize} | {(b.Refused ? "yes" : "**no**")}: {b.How} | {b.P50Microseconds.ToString("N1", En)} | " +
                $"{b.MaxMicroseconds.ToString("N1", En)} | {Mib(b.ResidentBeforeKiB)} | {Mib(b.PeakKiB)} |");
        }
        Line(text);

        Line(text, "## Process");
        Line(text);
        Line(text, "| library | load and initialise the native library, ms | RSS after loading MiB | peak RSS of the process MiB | CPU of the whole process s | load average at start / end |");
        Line(text, "| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            Line(text, $"| {r.Library} | {Ms(r.LoadMilliseconds)} | {Mib(r.ResidentAfterLoadKiB)} | {Mib(r.PeakResidentKiB)} | " +
                $"{r.CpuSeconds.ToString("N1", En)} | {r.LoadAverageAtStart} / {r.LoadAverageAtEnd} |");
        }
        if (results.Any(r => !r.PeakResettable))
        {
            Line(text);
            Line(text, "The peak could not be reset (/proc/self/clear_refs refused): each job's peak RSS is the process's peak up to that job.");
        }
        Line(text);

        Line(text, "## Output sizes");
        Line(text);
        Line(text, "Bytes of each rendition of the last run, and its size and metadata as its own bytes say (parsed here, not by the library).");
        Line(text);
        Line(text, $"| job | format | size | {string.Join(" | ", results.Select(r => $"{r.Library} bytes"))} | metadata |");
        Line(text, $"| --- | --- | --- | {string.Join(" | ", results.Select(_ => "---:"))} | --- |");
        foreach (var output in first.Outputs)
        {
            var same = results.Select(r => r.Outputs.FirstOrDefault(o => o.Job == output.Job && o.Format == output.Format && o.Width == output.Width)).ToList();
            Line(text, $"| {output.Job} | {output.Format} | {output.Width} × {output.Height} | " +
                $"{string.Join(" | ", same.Select(o => o is null ? "—" : o.Bytes.ToString("N0", En)))} | " +
                $"{string.Join(" / ", same.Select(o => o?.Metadata ?? "—").Distinct())} |");
        }
        Line(text);

        Line(text, "## Inputs");
        Line(text);
        Line(text, "Generated by the benchmark (`Imaging generate`), the same bytes on every run; size and metadata as their bytes say.");
        Line(text);
        Line(text, "| file | bytes | type (magic number) | size | metadata |");
        Line(text, "| --- | ---: | --- | --- | --- |");
        foreach (var file in new[] { TestImages.Photo, TestImages.Alpha, TestImages.Animated, TestImages.WebP, TestImages.Bomb })
        {
            var bytes = File.ReadAllBytes(Path.Combine(inputDirectory, file));
            var found = EncodedFile.Inspect(bytes);
            Line(text, $"| `{file}` | {bytes.Length:N0} | {found.Format} | {found.Width:N0} × {found.Height:N0}{(found.HasAlpha ? ", alpha" : "")} | " +
                $"{(found.Metadata.Count == 0 ? "none" : string.Join(", ", found.Metadata))} |");
        }
        Line(text);

        Line(text, "## Type from the bytes");
        Line(text);
        Line(text, "What each library recognises from the bytes alone (NetVips: `Image.FindLoadBuffer` with every loader enabled, and whether the benchmark's allow-list of four loaders blocks it; " +
            "SkiaSharp: `SKCodec.Create(...).EncodedFormat`), next to the magic-number check the upload endpoint makes itself.");
        Line(text);
        Line(text, $"| file | what | magic number (JPEG, PNG, GIF, WebP only) | {string.Join(" | ", results.Select(r => r.Library))} |");
        Line(text, $"| --- | --- | --- | {string.Join(" | ", results.Select(_ => "---"))} |");
        foreach (var id in first.Identifications)
        {
            Line(text, $"| `{id.File}` | {id.What} | {id.Sniffed} | " +
                $"{string.Join(" | ", results.Select(r => r.Identifications.Single(x => x.File == id.File).Library))} |");
        }
        Line(text);

        Line(text, "## Checks");
        Line(text);
        Line(text, $"| check | {string.Join(" | ", results.Select(r => r.Library))} |");
        Line(text, $"| --- | {string.Join(" | ", results.Select(_ => "---"))} |");
        foreach (var check in first.Checks)
        {
            Line(text, $"| {check.Name} | {string.Join(" | ", results.Select(r => r.Checks.FirstOrDefault(c => c.Name == check.Name) is { } c ? $"{(c.Passed ? "pass" : "**FAIL**")}: {c.Detail}" : "—"))} |");
        }
        Line(text);

        Line(text, "## Libraries and settings");
        Line(text);
        foreach (var r in results)
        {
            Line(text, $"- **{r.Library}**: {r.Version}. Licence: {r.Licence}. {r.Settings}.");
        }
        Line(text);
        Line(text, "## Run");
        Line(text);
        text.Append(context.TrimEnd()).Append('\n');
        return text.ToString();
    }

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');

    private static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 100 ? "N1" : "N0", En);

    private static string Mib(long kib) => (kib / 1024.0).ToString("N1", En);
}
