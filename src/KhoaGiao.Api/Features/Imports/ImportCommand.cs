using System.Globalization;
using KhoaGiao.Api.Data;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// <c>dotnet KhoaGiao.Api.dll import …</c>: one run of <see cref="ArticleImporter"/> from the command line, against the
/// database and settings the service would use, with a live progress bar on a terminal (plain lines every two
/// seconds otherwise), a summary table, every failure's reason, and an exit code a script can act on.
/// </summary>
public static class ImportCommand
{
    public const int Succeeded = 0;
    public const int ItemsFailed = 1;
    public const int SourceFailed = 2;
    public const int WrongArguments = 64;
    public const int Interrupted = 130;

    private static readonly TimeSpan PlainLineInterval = TimeSpan.FromSeconds(2);

    /// <summary>Parses <paramref name="args"/> (what follows <c>import</c>), builds the service's parts without starting it, and runs.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var console = AnsiConsole.Console;
        if (!console.Profile.Capabilities.Interactive)
        {
            // Spectre wraps at 80 columns when the output is not a terminal; a script reads whole lines.
            console.Profile.Width = 1000;
        }

        if (args is ["--help" or "-h"])
        {
            console.WriteLine(ImportCommandLine.Usage);
            return Succeeded;
        }

        var (line, error) = ImportCommandLine.Parse(args);
        if (line is null)
        {
            console.MarkupLineInterpolated($"[red]{error}[/]");
            console.WriteLine(ImportCommandLine.Usage);
            return WrongArguments;
        }

        // The arguments stay out of the configuration: a bare flag such as --publish would break its command-line provider.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (line.DelayMilliseconds is { } delay)
        {
            builder.Configuration["Imports:DelayMilliseconds"] = delay.ToString(CultureInfo.InvariantCulture);
        }

        // The console is the progress bar's: only errors reach it (the importer's own warnings are the item failures the
        // summary lists).
        builder.Logging.ClearProviders().AddSimpleConsole(options => options.SingleLine = true)
            .AddFilter((category, level) => level >= LogLevel.Error && category != typeof(ArticleImporter).FullName);
        builder.AddKhoaGiaoCore();
        await using var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        // As the service would on start: migrations and demo content where the settings ask for them (Development).
        await app.PrepareDatabaseAsync();

        using var stop = new CancellationTokenSource();
        StopOnCtrlC(console, stop);
        return await ExecuteAsync(app.Services, line, console, stop.Token);
    }

    /// <summary>Runs the import <paramref name="line"/> asks for and reports it on <paramref name="console"/>; returns the exit code.</summary>
    public static async Task<int> ExecuteAsync(IServiceProvider services, ImportCommandLine line, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var importer = services.GetRequiredService<ArticleImporter>();
        var settings = new ImportRunSettings(ImportTrigger.Command,
            line.Concurrency ?? services.GetRequiredService<IOptionsMonitor<ImportsOptions>>().CurrentValue.Concurrency, line.DryRun, line.Restart);
        var progress = new ImportProgress();
        console.MarkupLineInterpolated(
            $"Importing [bold]{line.Source.Name}[/] from {line.Source.Location} ({line.Source.Kind}{(line.DryRun ? ", dry run: nothing is written" : "")})");
        var run = importer.RunAsync(line.Source, settings, progress, cancellationToken);
        if (console.Profile.Capabilities.Interactive)
        {
            await ShowBarAsync(console, run, progress);
        }
        else
        {
            await ShowLinesAsync(console, run, progress);
        }

        var outcome = await run;
        Summarise(console, line, outcome, progress);
        return outcome.Status switch
        {
            null => SourceFailed,
            ImportRunStatus.Failed => SourceFailed,
            ImportRunStatus.Stopped => Interrupted,
            _ when progress.Failed > 0 => ItemsFailed,
            _ => Succeeded,
        };
    }

    private static void StopOnCtrlC(IAnsiConsole console, CancellationTokenSource stop) =>
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C stops the run where it is, saving the checkpoint; a second one ends the process.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                console.MarkupLine("[yellow]Stopping: saving where the import got to…[/]");
                stop.Cancel();
            }
        };

    private static Task ShowBarAsync(IAnsiConsole console, Task<ImportOutcome> run, ImportProgress progress) =>
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading the source", maxValue: 1);
                task.IsIndeterminate = true;
                while (true)
                {
                    if (progress.Total is { } total)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = Math.Min(progress.Resumed + progress.Seen, task.MaxValue);
                    }

                    task.Description = Markup.Escape(Tally(progress)) + $" [grey]{progress.Rate:0}/s[/]";
                    if (run.IsCompleted)
                    {
                        task.StopTask();
                        return;
                    }

                    await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(250)));
                }
            });

    private static async Task ShowLinesAsync(IAnsiConsole console, Task<ImportOutcome> run, ImportProgress progress)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(PlainLineInterval));
            if (!run.IsCompleted)
            {
                var eta = progress.Remaining is { } left ? $" eta={left:hh\\:mm\\:ss}" : "";
                var total = progress.Total is { } t ? $"/{t}" : "";
                console.WriteLine(FormattableString.Invariant(
                    $"progress: {progress.Resumed + progress.Seen}{total} {Counts(progress)} rate={progress.Rate:0.0} items/s{eta}"));
            }
        }
    }

    /// <summary>The counts short enough to leave the bar its room on an 80-column terminal.</summary>
    private static string Tally(ImportProgress progress) => string.Join(" · ", new[]
    {
        ("new", progress.Created), ("updated", progress.Updated), ("unchanged", progress.Unchanged), ("skipped", progress.Skipped),
        ("failed", progress.Failed),
    }.Where(c => c.Item2 > 0 || c.Item1 is "new" or "failed").Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Item2:N0} {c.Item1}")));

    private static string Counts(ImportProgress progress) => FormattableString.Invariant(
        $"created={progress.Created} updated={progress.Updated} unchanged={progress.Unchanged} skipped={progress.Skipped} failed={progress.Failed}");

    private static void Summarise(IAnsiConsole console, ImportCommandLine line, ImportOutcome outcome, ImportProgress progress)
    {
        var table = new Table().Title(line.DryRun ? "Dry run (nothing written)" : "Import")
            .AddColumns("seen", line.DryRun ? "new" : "created", line.DryRun ? "existing" : "updated", "unchanged", "skipped", "failed",
                "seconds", "items/s");
        table.AddRow(
            [.. new object[] { progress.Seen, progress.Created, progress.Updated, progress.Unchanged, progress.Skipped, progress.Failed }
                    .Select(n => string.Format(CultureInfo.InvariantCulture, "{0:N0}", n)),
                progress.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                progress.Rate.ToString("0.0", CultureInfo.InvariantCulture)]);
        console.Write(table);
        console.WriteLine(FormattableString.Invariant(
            $"{(line.DryRun ? "dry run" : "imported")}: seen={progress.Seen} created={progress.Created} updated={progress.Updated} unchanged={progress.Unchanged} failed={progress.Failed} skipped={progress.Skipped} seconds={progress.Elapsed.TotalSeconds:0.00} rate={progress.Rate:0.0} items/s"));
        if (progress.Resumed > 0)
        {
            console.WriteLine($"resumed after the first {progress.Resumed} items, imported by an earlier run");
        }

        var failures = progress.Failures.OrderBy(f => f.Position).ToList();
        foreach (var failure in failures.Take(ImportRun.MaxFailuresKept))
        {
            console.WriteLine($"failed: item {failure.Position}{(failure.ExternalId is null ? "" : $" ({failure.ExternalId})")}: {failure.Reason}");
        }

        if (failures.Count > ImportRun.MaxFailuresKept)
        {
            console.WriteLine($"… and {failures.Count - ImportRun.MaxFailuresKept} more failures.");
        }

        var (status, error) = (outcome.Status, outcome.Error);
        if (status is null or ImportRunStatus.Failed)
        {
            console.MarkupLineInterpolated($"[red]error: {error}[/]");
        }

        if (status is ImportRunStatus.Failed or ImportRunStatus.Stopped)
        {
            console.WriteLine("The next run of this source resumes where this one stopped (--restart starts over).");
        }

        if (outcome.RunId is { } runId)
        {
            console.WriteLine($"run {runId}: {status} (GET /api/v1/admin/imports)");
        }
    }
}
