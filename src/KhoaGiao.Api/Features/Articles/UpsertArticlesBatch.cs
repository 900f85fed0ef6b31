using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using KhoaGiao.Api.Http;
using KhoaGiao.Api.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace KhoaGiao.Api.Features.Articles;

/// <summary>Body of <c>POST /api/v1/admin/articles/batch</c>.</summary>
public sealed record UpsertArticlesBatchRequest
{
    /// <summary>1 to 100 articles, each created or updated by its source as the single upsert would.</summary>
    public IReadOnlyList<UpsertArticlesBatchItem?>? Items { get; init; }
}

/// <summary>One article of a batch: the path and body of the single upsert, in one object.</summary>
public sealed record UpsertArticlesBatchItem
{
    /// <summary>The source's name; case, diacritics and spaces do not matter.</summary>
    /// <example>Báo Hà Nam</example>
    public string? Source { get; init; }

    /// <summary>The article's id at the source.</summary>
    /// <example>12345</example>
    public string? ExternalId { get; init; }

    /// <summary>The article's content, as in the body of the single upsert.</summary>
    public ArticleRequest? Article { get; init; }

    /// <summary>Publishes the article at this time in the same transaction (a future time schedules it); needs <c>content:publish</c>.</summary>
    /// <example>2023-08-16T18:00:00+07:00</example>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>As <c>If-Match</c> on the single upsert: apply only while the article's version is this one (412 otherwise).</summary>
    /// <example>1234</example>
    public uint? Version { get; init; }
}

public sealed class UpsertArticlesBatchRequestValidator : AbstractValidator<UpsertArticlesBatchRequest>
{
    public const int MaxItems = 100;

    public UpsertArticlesBatchRequestValidator()
    {
        RuleFor(r => r.Items).Must(items => items is { Count: > 0 })
            .WithMessage(_ => Localized.Text($"Một lô gồm từ 1 đến {MaxItems} bài.", $"A batch holds 1 to {MaxItems} articles."))
            .MostItems(MaxItems)
            .WithMessage(_ => Localized.Text($"Một lô gồm từ 1 đến {MaxItems} bài.", $"A batch holds 1 to {MaxItems} articles."));
        RuleForEach(r => r.Items).NotNull().ChildRules(item =>
        {
            item.RuleFor(i => i!.Source).NotEmpty();
            item.RuleFor(i => i!.ExternalId).NotEmpty();
        });
    }
}

public static class UpsertArticlesBatch
{
    public static async Task<Ok<UpsertArticlesBatchResponse>> HandleAsync(
        UpsertArticlesBatchRequest request,
        IServiceScopeFactory scopes,
        IOptions<EditorialOptions> options,
        ILoggerFactory loggers,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var items = request.Items!;
        var results = new UpsertArticlesBatchItemResponse[items.Count];
        var logger = loggers.CreateLogger(typeof(UpsertArticlesBatch));

        // Items naming the same source article run one after the other in request order, so the last one wins as it
        // would over single requests; the others run side by side, each in its own scope (context, transaction).
        var sequences = items.Select((item, index) => (Item: item!, Index: index))
            .GroupBy(x => (ArticleSource.KeyOf(x.Item.Source), x.Item.ExternalId!.Trim()));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(sequences, parallel, async (sequence, token) =>
        {
            foreach (var (item, index) in sequence)
            {
                results[index] = await ApplyAsync(scopes, item, index, httpContext.User, logger, token);
            }
        });
        return TypedResults.Ok(new UpsertArticlesBatchResponse { Items = results });
    }

    private static async Task<UpsertArticlesBatchItemResponse> ApplyAsync(
        IServiceScopeFactory scopes, UpsertArticlesBatchItem item, int index, ClaimsPrincipal user, ILogger logger,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        ArticleWriteOutcome outcome;
        try
        {
            outcome = Invalid(scope.ServiceProvider, item) is { } invalid
                ? invalid
                : await scope.ServiceProvider.GetRequiredService<ArticleWrites>().UpsertAsync(
                    item.Source!, item.ExternalId!, item.Article!, item.PublishedAt, IfMatch.Of(item.Version), user, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // What the exception handler would have answered the single request, for this item alone.
            var problem = ExceptionHandler.ProblemOf(exception, ifMatchSent: item.Version is not null);
            if (problem is null)
            {
                logger.LogError(exception, "Batch item {Index} ({Source}, {ExternalId}) failed", index, item.Source, item.ExternalId);
                problem = ExceptionHandler.ServerError();
            }

            return new UpsertArticlesBatchItemResponse { Index = index, Status = problem.Status!.Value, Problem = Itemised(problem, item) };
        }

        return new UpsertArticlesBatchItemResponse
        {
            Index = index,
            Status = outcome.StatusCode,
            Id = outcome.Article?.Id,
            Version = outcome.Article?.Version,
            Problem = outcome.Problem is { } failed ? Itemised(failed.ProblemDetails, item) : null,
        };
    }

    /// <summary>The 400 the single upsert's validation would answer for this item's path and body, or null.</summary>
    private static ProblemHttpResult? Invalid(IServiceProvider services, UpsertArticlesBatchItem item)
    {
        var failures = services.GetRequiredService<IValidator<ArticleSourceRoute>>()
            .Validate(new ArticleSourceRoute { Source = item.Source, ExternalId = item.ExternalId }).Errors;
        if (item.Article is null)
        {
            failures.Add(new ValidationFailure("article", Localized.Text("Thiếu nội dung bài viết.", "The article is missing.")));
        }
        else
        {
            failures.AddRange(services.GetRequiredService<IValidator<ArticleRequest>>().Validate(item.Article).Errors);
        }

        return failures.Count == 0 ? null : ProblemResults.Validation(ValidationFilter.ErrorsOf(failures));
    }

    /// <summary>
    /// The problem as a plain <see cref="ProblemDetails"/> (a validation problem's <c>errors</c> carried as an extension, so
    /// they are written whatever the declared type), its <c>instance</c> the path of the item's single upsert.
    /// </summary>
    private static ProblemDetails Itemised(ProblemDetails problem, UpsertArticlesBatchItem item)
    {
        var itemised = new ProblemDetails
        {
            Type = problem.Type,
            Title = problem.Title,
            Status = problem.Status,
            Detail = problem.Detail,
            Instance = Echo.Path($"/api/v1/admin/articles/by-source/{Uri.EscapeDataString(item.Source ?? "")}/{Uri.EscapeDataString(item.ExternalId ?? "")}"),
        };
        foreach (var (key, value) in problem.Extensions)
        {
            itemised.Extensions[key] = value;
        }

        if (problem is HttpValidationProblemDetails validation)
        {
            itemised.Extensions["errors"] = validation.Errors;
        }

        return itemised;
    }
}
