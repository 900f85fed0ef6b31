using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Articles;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>
/// Imports a source: reads its items (<see cref="FeedReader"/>, <see cref="WordPressReader"/>,
/// <see cref="JsonLinesReader"/>) and upserts each through <see cref="ArticleWrites.UpsertAsync"/>, the write path of
/// the upsert-by-source endpoint, as the importer (a caller with <c>content:write</c> and <c>content:publish</c>), so
/// an item is sanitised, revised, audited and recorded in the change log like any write, importing twice changes
/// nothing, and an item edited at the source updates ours. One process imports a source at a time (a session advisory
/// lock); the run is recorded in <c>import_runs</c>, and where it has got to in a checkpoint every two seconds, so a
/// run stopped half-way is resumed by the next.
/// </summary>
public sealed class ArticleImporter(
    IServiceScopeFactory scopes, FeedReader feeds, WordPressReader wordPress, JsonLinesReader jsonLines,
    IValidator<UpsertArticleRequest> validator, IConfiguration configuration, TimeProvider clock, ILogger<ArticleImporter> logger)
{
    /// <summary>Who writes imported articles: revisions and audit entries name the importer.</summary>
    public static readonly ClaimsPrincipal Importer = new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "importer"), new Claim(ClaimTypes.Name, "Importer"),
        new Claim(Scopes.ClaimType, Scopes.ContentWrite), new Claim(Scopes.ClaimType, Scopes.ContentPublish),
    ], "Importer"));

    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(2);

    public async Task<ImportOutcome> RunAsync(
        ImportSource source, ImportRunSettings settings, ImportProgress progress, CancellationToken cancellationToken)
    {
        if (source.Problem() is { } problem)
        {
            return ImportOutcome.NotRun(problem);
        }

        // Items' problems are worded like the API's: in English when the process runs in English, else in Vietnamese.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(
            CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi");
        if (settings.DryRun)
        {
            var dry = await ReadAllAsync(source, settings, startAt: 0, progress, positions: null, cancellationToken);
            return new ImportOutcome(dry.Status, null, dry.Error);
        }

        var key = ArticleSource.KeyOf(source.Name)!;
        await using var sourceLock = await AdvisoryLocks.HoldSessionLockAsync(
            configuration, AdvisoryLocks.ImportSource, key + "\n" + source.Location, wait: false, cancellationToken);
        if (sourceLock is null)
        {
            return ImportOutcome.NotRun($"Another import of {source.Name} from {ImportDocuments.Shown(source.Location)} is running.");
        }

        var run = await StartAsync(source, key, settings, cancellationToken);
        if (run is null)
        {
            return ImportOutcome.NotRun($"{source.Name} was imported from {ImportDocuments.Shown(source.Location)} since {settings.NotIfStartedSince:O}.");
        }

        progress.SetResumed(run.ResumedFrom);
        var positions = new Positions(run.ResumedFrom);
        using var stopSaving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var saving = SaveEveryIntervalAsync(run, positions, progress, stopSaving.Token);
        var ended = await ReadAllAsync(source, settings, run.ResumedFrom, progress, positions, cancellationToken);
        await stopSaving.CancelAsync();
        await saving;
        await FinishAsync(run, ended, positions.Mark, progress);
        return new ImportOutcome(ended.Status, run.Id, ended.Error);
    }

    private sealed record Ending(ImportRunStatus Status, string? Error);

    private async Task<Ending> ReadAllAsync(
        ImportSource source, ImportRunSettings settings, int startAt, ImportProgress progress, Positions? positions,
        CancellationToken cancellationToken)
    {
        var items = source.Kind switch
        {
            ImportKind.WordPress => wordPress.ReadAsync(source, startAt, progress, cancellationToken),
            ImportKind.JsonLines => jsonLines.ReadAsync(source, startAt, progress, cancellationToken),
            _ => feeds.ReadAsync(source, startAt, progress, cancellationToken),
        };
        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
                async (item, _) =>
                {
                    // The run's own token, not the loop's: when the source fails, the loop cancels its token, and the
                    // items already read are still written, whole, before the run ends.
                    await ImportAsync(item, source, settings.DryRun, progress, cancellationToken);
                    positions?.Done(item.Position);
                });
        }
        catch (ImportSourceException exception)
        {
            return new Ending(ImportRunStatus.Failed, exception.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new Ending(ImportRunStatus.Stopped, null);
        }

        return new Ending(progress.Failed > 0 ? ImportRunStatus.CompletedWithFailures : ImportRunStatus.Succeeded, null);
    }

    private async Task ImportAsync(ImportItem item, ImportSource source, bool dryRun, ImportProgress progress, CancellationToken cancellationToken)
    {
        if (item.Problem is { } problem)
        {
            progress.AddFailed(new ImportFailure(item.Position, item.ExternalId, problem));
            return;
        }

        if (source.Since is { } since && item.PublishedAt < since)
        {
            progress.AddSkipped();
            return;
        }

        var validation = await validator.ValidateAsync(item.Request!, cancellationToken);
        if (!validation.IsValid)
        {
            progress.AddFailed(new ImportFailure(item.Position, item.ExternalId,
                string.Join("; ", ValidationFilter.ErrorsOf(validation.Errors).SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")))));
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (dryRun)
            {
                var key = ArticleSource.KeyOf(source.Name);
                var exists = await scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>().Articles
                    .AnyAsync(a => a.Source.Key == key && a.Source.ExternalId == item.ExternalId, cancellationToken);
                if (exists)
                {
                    progress.AddUpdated();
                }
                else
                {
                    progress.AddCreated();
                }

                return;
            }

            // Publishing is for articles new to us: one already here keeps its status, so an editor's unpublishing holds.
            var outcome = await scope.ServiceProvider.GetRequiredService<ArticleWrites>().UpsertAsync(
                source.Name, item.ExternalId!, item.Request!, source.Publish ? item.PublishedAt ?? clock.GetUtcNow() : null, IfMatch.None,
                Importer, cancellationToken, publishNewOnly: true);
            if (outcome.Problem is { } refused)
            {
                progress.AddFailed(new ImportFailure(item.Position, item.ExternalId, Describe(refused)));
            }
            else if (outcome.Created)
            {
                progress.AddCreated();
            }
            else if (outcome.Unchanged)
            {
                progress.AddUnchanged();
            }
            else
            {
                progress.AddUpdated();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Importing item {Position} ({ExternalId}) of {Source} failed.", item.Position, item.ExternalId, source.Name);
            progress.AddFailed(new ImportFailure(item.Position, item.ExternalId, exception.GetBaseException().Message));
        }
    }

    /// <summary>A refused write as one line: status, title, detail and the field errors.</summary>
    private static string Describe(ProblemHttpResult problem)
    {
        var details = problem.ProblemDetails;
        var errors = details is HttpValidationProblemDetails validation
            ? string.Join("; ", validation.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")))
            : null;
        return string.Join(" — ", new[] { $"{problem.StatusCode} {details.Title}", details.Detail, errors }.Where(s => !string.IsNullOrEmpty(s)));
    }

    /// <summary>
    /// Under the source's lock: nothing when the schedule finds a recent run; else marks the source's runs still shown
    /// as running as interrupted (their process is gone, or it would hold the lock), takes the checkpoint, and records
    /// the new run.
    /// </summary>
    private async Task<ImportRun?> StartAsync(ImportSource source, string key, ImportRunSettings settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var runs = db.ImportRuns.Where(r => r.SourceKey == key && r.Location == source.Location);
        if (settings.NotIfStartedSince is { } since && await runs.AnyAsync(r => r.StartedAt > since, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await runs.Where(r => r.Status == ImportRunStatus.Running)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, ImportRunStatus.Interrupted), cancellationToken);
        var checkpoints = db.ImportCheckpoints.Where(c => c.SourceKey == key && c.Location == source.Location);
        if (settings.Restart)
        {
            await checkpoints.ExecuteDeleteAsync(cancellationToken);
        }

        var run = new ImportRun
        {
            SourceName = source.Name.Trim(),
            SourceKey = key,
            Kind = source.Kind,
            Location = source.Location,
            Trigger = settings.Trigger,
            Status = ImportRunStatus.Running,
            StartedAt = now,
            UpdatedAt = now,
            ResumedFrom = await checkpoints.Select(c => c.Position).FirstOrDefaultAsync(cancellationToken),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task SaveEveryIntervalAsync(ImportRun run, Positions positions, ImportProgress progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(SaveInterval, clock, cancellationToken);
                await SaveAsync(run, positions.Mark, progress, ended: null, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next save, or the last, tries again; the import itself goes on.
                logger.LogWarning(exception, "Saving the progress of import run {RunId} failed.", run.Id);
            }
        }
    }

    private Task FinishAsync(ImportRun run, Ending ended, int mark, ImportProgress progress) =>
        SaveAsync(run, mark, progress, ended, CancellationToken.None);

    /// <summary>
    /// Saves the run's counts and the checkpoint in one transaction; at the end, the run's status, and the checkpoint
    /// removed when the source was read to its end (so the next run reads it all again and sees edits).
    /// </summary>
    private async Task SaveAsync(ImportRun run, int mark, ImportProgress progress, Ending? ended, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        run = await db.ImportRuns.SingleAsync(r => r.Id == run.Id, cancellationToken);
        run.UpdatedAt = now;
        run.Seen = progress.Seen;
        run.Created = progress.Created;
        run.Updated = progress.Updated;
        run.Unchanged = progress.Unchanged;
        run.Skipped = progress.Skipped;
        run.Failed = progress.Failed;
        run.Failures = progress.FirstFailures(ImportRun.MaxFailuresKept);
        if (ended is not null)
        {
            run.Status = ended.Status;
            run.Error = ended.Error is { Length: > 2000 } message ? message[..2000] : ended.Error;
            run.FinishedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (ended?.Status is ImportRunStatus.Succeeded or ImportRunStatus.CompletedWithFailures)
        {
            await db.ImportCheckpoints.Where(c => c.SourceKey == run.SourceKey && c.Location == run.Location).ExecuteDeleteAsync(cancellationToken);
        }
        else if (mark > run.ResumedFrom)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO import_checkpoints (source_key, location, position, run_id, updated_at)
                VALUES ({run.SourceKey}, {run.Location}, {mark}, {run.Id}, {now})
                ON CONFLICT (source_key, location) DO UPDATE SET position = excluded.position, run_id = excluded.run_id, updated_at = excluded.updated_at
                """, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The positions done, out of order as the workers finish them, and the mark below which every one is done: what
    /// a checkpoint may promise.
    /// </summary>
    private sealed class Positions(int start)
    {
        private readonly HashSet<int> _ahead = [];
        private int _mark = start;

        public int Mark
        {
            get
            {
                lock (_ahead)
                {
                    return _mark;
                }
            }
        }

        public void Done(int position)
        {
            lock (_ahead)
            {
                _ahead.Add(position);
                while (_ahead.Remove(_mark))
                {
                    _mark++;
                }
            }
        }
    }
}
