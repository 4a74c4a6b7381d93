using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RelIntel.Tests;

/// <summary>One service's lookups of a cache, counted by result from now on, from the metric the cache reports them to.</summary>
public sealed class CacheLookups : IDisposable
{
    public const string Answers = "relintel.answer_cache.lookups";
    public const string Coverage = "relintel.coverage_cache.lookups";

    private readonly MeterListener listener = new();
    private long hits;
    private long misses;

    public CacheLookups(RelIntelApp app, string metric)
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == metric && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "result") Interlocked.Add(ref (Equals(tag.Value, "hit") ? ref hits : ref misses), value);
        });
        listener.Start();
    }

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    public void Dispose() => listener.Dispose();
}
