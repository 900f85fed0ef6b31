namespace KhoaGiao.Api.Features.Imports;

/// <summary>A source that cannot be read (unreachable, refused, malformed, too large): the run stops with this message.</summary>
public sealed class ImportSourceException(string message, Exception? inner = null) : Exception(message, inner);
