namespace KhoaGiao.Api.Features.Imports;

/// <summary>Where an import run stands.</summary>
public enum ImportRunStatus
{
    /// <summary>Still reading the source.</summary>
    Running,

    /// <summary>Every item of the source was imported (created, updated, unchanged or skipped by date).</summary>
    Succeeded,

    /// <summary>The whole source was read, and some items failed (their reasons are in <c>failures</c>).</summary>
    CompletedWithFailures,

    /// <summary>
    /// The source could not be read to its end (unreachable, malformed, too large); the items before the failure
    /// stay imported and the next run resumes after them.
    /// </summary>
    Failed,

    /// <summary>Stopped before the end (the command interrupted, the service shutting down); the next run resumes.</summary>
    Stopped,

    /// <summary>Its process ended without finishing it (found by the next run of the source, which resumes it).</summary>
    Interrupted,
}
