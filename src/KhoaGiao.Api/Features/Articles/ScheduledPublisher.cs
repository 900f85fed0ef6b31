using System.Security.Claims;
using KhoaGiao.Api.Data;
using KhoaGiao.Api.Features.Audit;
using KhoaGiao.Api.Features.Sync;
using KhoaGiao.Api.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>
/// Publishes scheduled articles when their time comes. Each pass locks the due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> inside one transaction, so any number of API processes can run it and each
/// article is published once; the queue is the database, so a restart loses nothing.
/// </summary>
public sealed class ScheduledPublisher(
    IServiceScopeFactory scopes, IOptions<EditorialOptions> options, TimeProvider clock, KhoaGiaoMetrics metrics, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    private static readonly ClaimsPrincipal Scheduler = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "scheduler"), new Claim(ClaimTypes.Name, "Scheduler")], "Scheduler"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.SchedulerIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await PublishDueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception exception)
            {
                // A failed pass (the database away, a save refused) must not stop the service: the due articles
                // stay scheduled in the database and the next pass takes them.
                logger.LogWarning(exception, "Scheduled publishing failed; retrying at the next pass.");
            }
        }
    }

    /// <summary>Publishes every scheduled article that is due and not locked by another process; returns how many.</summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        int published;
        try
        {
            published = await PublishDueInOneTransactionAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.SchedulerFailed();
            throw;
        }

        metrics.SchedulerRan(published);
        return published;
    }

    private async Task<int> PublishDueInOneTransactionAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KhoaGiaoDbContext>();
        var revisions = scope.ServiceProvider.GetRequiredService<ArticleRevisions>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var changes = scope.ServiceProvider.GetRequiredService<ChangeLog>();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM articles
            WHERE status = 'Scheduled' AND published_at <= {now.ToUniversalTime()}
            ORDER BY published_at
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        foreach (var id in due)
        {
            var article = (await db.ArticleForWriteAsync(id, cancellationToken))!;
            article.PublishScheduled(now);
            await revisions.AddAsync(article, "published", "scheduled time reached", cancellationToken, Scheduler);
            audit.Add("article.published", "article", article.Id, $"publishedAt={article.PublishedAt:O}; by schedule", Scheduler);
        }

        await changes.SaveAsync([.. due.Select(id => ChangedItem.Article(id))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Published {Count} scheduled articles.", due.Count);
        return due.Count;
    }
}
