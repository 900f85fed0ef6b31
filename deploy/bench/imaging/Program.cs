using System.Diagnostics;
using System.Text.Json;
using KhoaGiao.Bench.Imaging;

// deploy/bench/imaging.sh runs the three steps, each in a process of its own:
//   generate <inputs>                                             writes the test images
//   run <netvips|skia> <inputs> <outputs> <runs> <warmup> <json>   measures one library; exit 1 when a check fails
//   report <markdown> <inputs> <json>...                          writes the report from the runs' JSON files
var json = new JsonSerializerOptions { WriteIndented = true };
switch (args)
{
    case ["generate", var inputs]:
        TestImages.Write(inputs);
        return 0;

    case ["run", var name, var inputs, var outputs, var runsText, var warmupText, var resultFile]
        when int.TryParse(runsText, out var runs) && runs >= 1 && int.TryParse(warmupText, out var warmup) && warmup >= 0:
        var loadAverage = LibraryBench.LoadAverage();
        var started = Stopwatch.GetTimestamp();
        IImagingLibrary library = name switch
        {
            "netvips" => new NetVipsLibrary(),
            "skia" => new SkiaLibrary(),
            _ => throw new ArgumentException($"unknown library '{name}' (netvips or skia)"),
        };
        // The version asks the native library, so this is the time to load and initialise it.
        Console.Error.WriteLine($"{library.Name}: {library.Version}");
        var loadMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var results = new LibraryBench(library, inputs, outputs, runs, warmup)
            .Run(loadMilliseconds, ProcessMemory.ResidentKiB, loadAverage);
        File.WriteAllText(resultFile, JsonSerializer.Serialize(results, json));
        foreach (var failed in results.Checks.Where(check => !check.Passed))
        {
            Console.Error.WriteLine($"{library.Name}: FAILED {failed.Name}: {failed.Detail}");
        }
        return results.Checks.All(check => check.Passed) ? 0 : 1;

    case ["report", var markdown, var inputs, .. var resultFiles] when resultFiles.Length > 0:
        var all = resultFiles.Select(file => JsonSerializer.Deserialize<LibraryResults>(File.ReadAllText(file))!).ToList();
        File.WriteAllText(markdown, MarkdownReport.Write(all, inputs, Environment.GetEnvironmentVariable("BENCH_CONTEXT") ?? ""));
        return 0;

    default:
        Console.Error.WriteLine("usage: generate <inputs> | run <netvips|skia> <inputs> <outputs> <runs> <warmup> <json> | report <markdown> <inputs> <json>...");
        return 2;
}
