namespace KhoaGiao.Api.Features.Imports;

/// <summary>An item an import could not bring in, and why.</summary>
/// <param name="Position">The item's place in the source, from 0 (the line, from 1, of a JSON-lines file is one more).</param>
/// <param name="ExternalId">The item's id at the source, when it has one.</param>
/// <param name="Reason">Why it failed: the validation errors, the problem the write answered, or what could not be read.</param>
public sealed record ImportFailure(int Position, string? ExternalId, string Reason);
