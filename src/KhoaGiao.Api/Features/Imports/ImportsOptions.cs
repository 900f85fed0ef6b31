using System.ComponentModel.DataAnnotations;

namespace KhoaGiao.Api.Features.Imports;

/// <summary>Settings of the importer (section <c>Imports</c>): its network manners, and the sources the service imports on a schedule.</summary>
public sealed class ImportsOptions : IValidatableObject
{
    /// <summary>
    /// Sources the service imports by itself every <see cref="IntervalMinutes"/> (empty by default), e.g.
    /// <c>Imports__Sources__0__Name=Báo Hà Nam</c>, <c>Imports__Sources__0__Kind=Rss</c>,
    /// <c>Imports__Sources__0__Location=https://…/rss</c>, and optionally <c>Category</c>, <c>Publish</c>,
    /// <c>AllowPrivateAddress</c>.
    /// </summary>
    public List<ImportSource> Sources { get; set; } = [];

    /// <summary>Minutes between two scheduled imports of a source, whichever instance runs them.</summary>
    [Range(1, 10080)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Items written at the same time by one import (the command's <c>--concurrency</c> default).</summary>
    [Range(1, 32)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Milliseconds between two requests to a source (pages of a WordPress site): a polite pause.</summary>
    [Range(0, 60000)]
    public int DelayMilliseconds { get; set; } = 250;

    /// <summary>Seconds one request to a source may take; a timed-out or 5xx answer is retried up to 3 times.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Milliseconds before the first retry of a failed request; each next retry waits twice as long, with jitter.</summary>
    [Range(0, 60000)]
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>Largest document (feed, page or file) read, in megabytes.</summary>
    [Range(1, 1024)]
    public int MaxDocumentMegabytes { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Sources.Select((source, index) => (source.Problem(), index))
            .Where(s => s.Item1 is not null)
            .Select(s => new ValidationResult($"Imports:Sources:{s.index}: {s.Item1}", [nameof(Sources)]));
}
