using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KhoaGiao.Api.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace KhoaGiao.Api.Tests.Telemetry;

/// <summary>
/// Listens to the <see cref="KhoaGiaoMetrics"/> meter of one host (its <see cref="IMeterFactory"/>: several hosts run in
/// the test process, each with a meter of that name) and keeps every measurement.
/// </summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public sealed record Measurement(string Instrument, long Value, IReadOnlyDictionary<string, object?> Tags);

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KhoaGiaoMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));

        // Histograms of seconds: the tests count their measurements and read their tags, not their values.
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, (long)value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments (the pending-hits gauge) now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>The sum of what <paramref name="instrument"/> recorded with these tag values.</summary>
    public long Sum(string instrument, params (string Key, object? Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    /// <summary>Waits (real time) until <paramref name="instrument"/> has recorded at least <paramref name="least"/> with these tags.</summary>
    public async Task<long> WaitForSumAsync(long least, string instrument, params (string Key, object? Value)[] tags)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Sum(instrument, tags) < least && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return Sum(instrument, tags);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copied = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copied[tag.Key] = tag.Value;
        }

        Measurements.Enqueue(new Measurement(instrument.Name, value, copied));
    }
}
