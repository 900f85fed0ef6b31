using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// What the fuzz test saw: every response's status per operation, and every departure from the document, grouped by
/// operation and kind so one run shows all of them with an example or two each.
/// </summary>
public sealed class FuzzReport
{
    private const int ExamplesPerGroup = 2;

    private readonly ConcurrentDictionary<(string Operation, string Kind), Group> _failures = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> _statuses = new(StringComparer.Ordinal);

    public bool HasFailures => !_failures.IsEmpty;

    public void Count(FuzzOperation operation, int status) =>
        _statuses.GetOrAdd(operation.Id, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);

    public void Fail(FuzzOperation operation, string kind, string example)
    {
        var group = _failures.GetOrAdd((operation.Id, kind), _ => new Group());
        lock (group)
        {
            group.Count++;
            if (group.Examples.Count < ExamplesPerGroup)
            {
                group.Examples.Add(example);
            }
        }
    }

    /// <summary>Whether any response to the operation was a 5xx.</summary>
    public bool HasServerErrors(FuzzOperation operation) =>
        _statuses.TryGetValue(operation.Id, out var statuses) && statuses.Keys.Any(status => status >= 500);

    /// <summary>Per operation, how many responses had each status: shows how deep the generated requests got.</summary>
    public string Statuses() => string.Join("\n", _statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        $"  {s.Key,-28} " + string.Join(" ", s.Value.OrderBy(c => c.Key).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}×{c.Value}")))));

    public string Failures()
    {
        var text = new StringBuilder();
        var groups = _failures.OrderBy(f => f.Key.Operation, StringComparer.Ordinal).ThenBy(f => f.Key.Kind, StringComparer.Ordinal).ToList();
        text.Append(CultureInfo.InvariantCulture,
            $"{groups.Sum(g => g.Value.Count)} responses in {groups.Select(g => g.Key.Operation).Distinct().Count()} operations depart from the OpenAPI document:");
        foreach (var ((operation, kind), group) in groups)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n{operation}: {kind} ({group.Count}×)");
            foreach (var example in group.Examples)
            {
                text.Append("\n  - ").Append(example);
            }
        }

        return text.ToString();
    }

    private sealed class Group
    {
        public int Count { get; set; }

        public List<string> Examples { get; } = [];
    }
}
