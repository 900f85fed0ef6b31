using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Imports the sources of <see cref="ImportsOptions.Sources"/> every <see cref="ImportsOptions.IntervalMinutes"/>.
/// Every instance looks each minute, and a source is run only by the instance that takes its lock and finds no run
/// started within the interval, so N instances import each source once per interval, as one would.
/// </summary>
public sealed class ScheduledImports(
    ArticleImporter importer, IOptionsMonitor<ImportsOptions> options, TimeProvider clock, ILogger<ScheduledImports> logger)
    : BackgroundService
{
    private static readonly TimeSpan LookInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LookInterval, clock, stoppingToken);
                await RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception exception)
            {
                // A failed pass (the database away) must not stop the service: the next pass looks again.
                logger.LogWarning(exception, "Scheduled imports failed; trying again at the next pass.");
            }
        }
    }

    /// <summary>Runs every configured source that is due and not being imported elsewhere; returns the outcomes of those run.</summary>
    public async Task<IReadOnlyList<ImportOutcome>> RunDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var ran = new List<ImportOutcome>();
        foreach (var source in settings.Sources)
        {
            var outcome = await importer.RunAsync(source,
                new ImportRunSettings(ImportTrigger.Schedule, settings.Concurrency,
                    NotIfStartedSince: clock.GetUtcNow().AddMinutes(-settings.IntervalMinutes)),
                new ImportProgress(), cancellationToken);
            if (outcome.Status is null)
            {
                continue;
            }

            ran.Add(outcome);
            if (outcome.Status is ImportRunStatus.Succeeded)
            {
                logger.LogInformation("Scheduled import of {Source} from {Location}: {Status}.", source.Name, source.Location, outcome.Status);
            }
            else
            {
                logger.LogWarning("Scheduled import of {Source} from {Location}: {Status}. {Error} (run {RunId})",
                    source.Name, source.Location, outcome.Status, outcome.Error ?? "Some items failed; GET /api/v1/admin/imports/{id} lists them.", outcome.RunId);
            }
        }

        return ran;
    }
}
