namespace KhoaGiao.Api.Features.Imports;

/// <summary>What started an import run.</summary>
public enum ImportTrigger
{
    /// <summary>The <c>import</c> command.</summary>
    Command,

    /// <summary>The service's schedule (<c>Imports:Sources</c>).</summary>
    Schedule,
}
