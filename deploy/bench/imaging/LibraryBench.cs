using System.Diagnostics;

namespace KhoaGiao.Bench.Imaging;

/// <summary>
/// Times one library through an upload's job, runs the checks on what it made, and asks it to identify each test
/// file. Runs in a process of its own, so that resident memory and CPU are this library's alone.
/// </summary>
public sealed class LibraryBench(IImagingLibrary library, string inputDirectory, string outputDirectory, int runs, int warmup)
{
    /// <summary>Issue 17's limit: larger images are refused from the header, before a pixel is decoded.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The rendition widths of issue 17, largest first.</summary>
    public static readonly int[] Widths = [1600, 1024, 640, 320];

    private readonly List<CheckResult> _checks = [];
    private readonly List<OutputResult> _outputs = [];
    private bool _peakResettable = true;
    private long _lifetimePeakKiB;

    private sealed record Upload(ImageHeader? Header, string? Refusal, IReadOnlyList<Rendition> Renditions);

    public LibraryResults Run(double loadMilliseconds, long residentAfterLoadKiB, string loadAverageAtStart)
    {
        _lifetimePeakKiB = ProcessMemory.PeakKiB;
        var cpuAtStart = Environment.CpuUsage.TotalTime;
        var bomb = MeasureBomb();
        List<JobResult> jobs =
        [
            MeasureJob("photo", "12 MP JPEG (orientation 6, GPS): every rendition", TestImages.Photo, Widths, CheckPhoto),
            MeasureJob("photo-640", "12 MP JPEG: one rendition on demand, 640", TestImages.Photo, [640], CheckPhoto),
            MeasureJob("alpha", "PNG 1600×1200 with alpha: every rendition", TestImages.Alpha, Widths, CheckAlpha),
            MeasureJob("gif", "GIF 640×480, 2 frames: every rendition (first frame)", TestImages.Animated, Widths, CheckGif),
            MeasureJob("webp", "WebP 3000×2000: every rendition", TestImages.WebP, Widths, (_, _) => { }),
        ];
        var header = library.ReadHeader(Read(TestImages.Photo));
        Check("12 MP JPEG: header read without decoding gives 4000 × 3000, orientation 6",
            header is { Width: TestImages.PhotoWidth, Height: TestImages.PhotoHeight, Orientation: 6 },
            header is null ? "unreadable" : $"{header.Width} × {header.Height}, orientation {header.Orientation}");
        var identifications = Identify();
        _lifetimePeakKiB = Math.Max(_lifetimePeakKiB, ProcessMemory.PeakKiB);

        return new LibraryResults(library.Name, library.Version, library.Licence, library.Settings, runs, warmup,
            loadAverageAtStart, LoadAverage(), loadMilliseconds, residentAfterLoadKiB, _lifetimePeakKiB,
            (Environment.CpuUsage.TotalTime - cpuAtStart).TotalSeconds, _peakResettable, bomb, jobs, _outputs, _checks,
            identifications);
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The upload path up to the renditions: type from the magic number, header only, the pixel limit, then the library's job.</summary>
    private Upload Process(byte[] bytes, IReadOnlyList<int> requested)
    {
        if (EncodedFile.Sniff(bytes) is null)
        {
            return new Upload(null, "not JPEG, PNG, GIF or WebP by its magic number", []);
        }
        ImageHeader? header;
        try
        {
            header = library.ReadHeader(bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Upload(null, $"header unreadable: {e.Message.Trim()}", []);
        }
        if (header is null)
        {
            return new Upload(null, "header unreadable", []);
        }
        if (header.Pixels > MaxPixels)
        {
            return new Upload(header, $"{header.Width:N0} × {header.Height:N0} = {header.Pixels:N0} px > {MaxPixels:N0}", []);
        }
        var widths = requested.Where(width => width <= header.DisplayWidth).ToArray();
        return new Upload(header, null, library.Render(bytes, header, widths.Length > 0 ? widths : [header.DisplayWidth]));
    }

    private BombResult MeasureBomb()
    {
        var bytes = Read(TestImages.Bomb);
        ResetPeak();
        var residentBefore = ProcessMemory.ResidentKiB;
        var microseconds = new List<double>(runs);
        Upload? last = null;
        for (var i = 0; i < warmup + runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = Process(bytes, Widths);
            if (i >= warmup)
            {
                microseconds.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
        }
        var peak = ProcessMemory.PeakKiB;
        _lifetimePeakKiB = Math.Max(_lifetimePeakKiB, peak);
        var declared = last!.Header is { } header ? $"{header.Width:N0} × {header.Height:N0}" : "not read";
        var refused = last.Refusal is not null && last.Renditions.Count == 0;
        Check("bomb: 1×1 PNG declaring 100,000 × 100,000 refused before decoding", refused && last.Header is not null,
            last.Refusal ?? "accepted");
        microseconds.Sort();
        return new BombResult(declared, refused, last.Refusal ?? "accepted", Percentile(microseconds, 0.50), microseconds[^1],
            residentBefore, peak);
    }

    private JobResult MeasureJob(string slug, string name, string file, int[] widths, Action<ImageHeader, IReadOnlyList<Rendition>> check)
    {
        var bytes = Read(file);
        for (var i = 0; i < warmup; i++)
        {
            Process(bytes, widths);
        }
        ResetPeak();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var milliseconds = new List<double>(runs);
        Upload? last = null;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            last = Process(bytes, widths);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var cpuPerRun = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / runs;
        var peak = ProcessMemory.PeakKiB;
        _lifetimePeakKiB = Math.Max(_lifetimePeakKiB, peak);

        if (last!.Header is not { } header || last.Refusal is not null)
        {
            Check($"{name}: accepted", false, last.Refusal ?? "no header");
        }
        else
        {
            CheckOutputs(slug, name, header, widths, last.Renditions);
            check(header, last.Renditions);
        }
        milliseconds.Sort();
        return new JobResult(slug, name, file, string.Join(", ", last.Renditions.Select(r => r.Width).Distinct()), runs,
            Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95), milliseconds[0], milliseconds[^1], cpuPerRun, peak);
    }

    /// <summary>Every rendition, by its own bytes: its type, the expected size (upright, never upscaled), and no metadata at all.</summary>
    private void CheckOutputs(string slug, string job, ImageHeader header, int[] requested, IReadOnlyList<Rendition> renditions)
    {
        Directory.CreateDirectory(outputDirectory);
        var expectedWidths = requested.Where(width => width <= header.DisplayWidth).ToArray();
        var madeWidths = renditions.Select(r => r.Width).Distinct().ToArray();
        Check($"{job}: widths {string.Join(", ", expectedWidths)} (none above the upright width {header.DisplayWidth}), WebP and JPEG each",
            madeWidths.SequenceEqual(expectedWidths.Length > 0 ? expectedWidths : [header.DisplayWidth]) &&
            renditions.Count == madeWidths.Length * 2, string.Join(", ", renditions.Select(r => $"{r.Width} {r.Format}")));
        foreach (var rendition in renditions)
        {
            var found = EncodedFile.Inspect(rendition.Bytes);
            var expectedHeight = header.HeightFor(rendition.Width);
            var leaked = EncodedFile.Contains(rendition.Bytes, ExifSegment.Make) || EncodedFile.Contains(rendition.Bytes, "Exif\0\0");
            _outputs.Add(new OutputResult(slug, rendition.Format, found.Width, found.Height, rendition.Bytes.Length,
                found.Metadata.Count == 0 ? "none" : string.Join(", ", found.Metadata)));
            Check($"{job}: {rendition.Width} {rendition.Format} is {rendition.Format} of {rendition.Width} × {expectedHeight}",
                found.Format == rendition.Format && found.Width == rendition.Width && found.Height == expectedHeight,
                $"{found.Format} {found.Width} × {found.Height}");
            Check($"{job}: {rendition.Width} {rendition.Format} carries no metadata (no Exif, GPS, XMP, ICC; no byte of the source's Exif)",
                found.Metadata.Count == 0 && !leaked,
                $"blocks: {(found.Metadata.Count == 0 ? "none" : string.Join(", ", found.Metadata))}; source Exif bytes: {(leaked ? "found" : "none")}");
            var extension = rendition.Format == "jpeg" ? "jpg" : rendition.Format;
            File.WriteAllBytes(Path.Combine(outputDirectory, $"{slug}-{rendition.Width}.{extension}"), rendition.Bytes);
        }
    }

    /// <summary>Orientation 6 puts the stored top-left corner (red) at the top right of what is shown.</summary>
    private void CheckPhoto(ImageHeader header, IReadOnlyList<Rendition> renditions)
    {
        foreach (var rendition in renditions.Where(r => r.Width == renditions.Min(s => s.Width)))
        {
            var topRight = library.PixelAt(rendition.Bytes, rendition.Width - 8, 8);
            var topLeft = library.PixelAt(rendition.Bytes, 8, 8);
            Check($"12 MP JPEG: {rendition.Width} {rendition.Format} turned upright (stored top-left red corner now top right)",
                IsRed(topRight) && !IsRed(topLeft), $"top right {Show(topRight)}, top left {Show(topLeft)}");
        }
    }

    /// <summary>The PNG's transparent quarter hides pure red: JPEG must show white there, WebP must keep the alpha.</summary>
    private void CheckAlpha(ImageHeader header, IReadOnlyList<Rendition> renditions)
    {
        foreach (var rendition in renditions)
        {
            if (rendition.Format == "jpeg")
            {
                var pixel = library.PixelAt(rendition.Bytes, rendition.Width / 10, rendition.Height / 2);
                Check($"PNG with alpha: {rendition.Width} JPEG flattened on white", pixel is { Red: >= 245, Green: >= 245, Blue: >= 245 },
                    $"transparent area shows {Show(pixel)}");
            }
            else
            {
                Check($"PNG with alpha: {rendition.Width} WebP keeps the alpha channel", EncodedFile.Inspect(rendition.Bytes).HasAlpha,
                    EncodedFile.Inspect(rendition.Bytes).HasAlpha ? "ALPH / alpha flag present" : "opaque");
            }
        }
    }

    /// <summary>The first frame is green, the second blue.</summary>
    private void CheckGif(ImageHeader header, IReadOnlyList<Rendition> renditions)
    {
        Check("GIF: header reports 2 frames", header.Frames == 2, $"{header.Frames} frame(s)");
        foreach (var rendition in renditions)
        {
            var pixel = library.PixelAt(rendition.Bytes, rendition.Width / 2, rendition.Height / 2);
            Check($"GIF: {rendition.Width} {rendition.Format} made from the first frame (green, not the second's blue)",
                pixel.Green > pixel.Blue + 60, Show(pixel));
        }
    }

    private List<IdentificationResult> Identify()
    {
        (string File, string What)[] inputs =
        [
            (TestImages.Photo, "JPEG"), (TestImages.Alpha, "PNG with alpha"), (TestImages.Animated, "GIF, 2 frames"),
            (TestImages.WebP, "WebP"), (TestImages.Bomb, "PNG declaring 100,000²"), .. TestImages.Impostors,
        ];
        return inputs.Select(input =>
        {
            var bytes = Read(input.File);
            return new IdentificationResult(input.File, input.What, EncodedFile.Sniff(bytes) ?? "none", library.Identify(bytes));
        }).ToList();
    }

    private void ResetPeak()
    {
        _lifetimePeakKiB = Math.Max(_lifetimePeakKiB, ProcessMemory.PeakKiB);
        _peakResettable &= ProcessMemory.TryResetPeak();
    }

    private void Check(string name, bool passed, string detail) => _checks.Add(new CheckResult(name, passed, detail));

    private byte[] Read(string file) => File.ReadAllBytes(Path.Combine(inputDirectory, file));

    private static bool IsRed((byte Red, byte Green, byte Blue) pixel) => pixel is { Red: > 170, Green: < 90, Blue: < 90 };

    private static string Show((byte Red, byte Green, byte Blue) pixel) => $"rgb({pixel.Red}, {pixel.Green}, {pixel.Blue})";

    /// <summary>Nearest rank on sorted values.</summary>
    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
