using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace RelIntel.Tests;

/// <summary>The service's traces and metrics, kept in memory by OpenTelemetry's in-memory exporters.</summary>
public sealed class CapturedTelemetry
{
    private readonly List<Activity> spans = [];
    private readonly List<MetricSnapshot> metrics = [];

    public void AddTo(IServiceCollection services) => services.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
        .WithMetrics(m => m.AddInMemoryExporter(metrics));

    /// <summary>The finished spans of one trace (the test sends its <c>traceparent</c>).</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        lock (spans) return spans.Where(s => s.TraceId == traceId).ToList();
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (spans) return [.. spans];
        }
    }

    /// <summary>Exports the metrics now and answers the points of <paramref name="name"/>: totals since the start (cumulative).</summary>
    public IReadOnlyList<MetricPoint> Points(IServiceProvider services, string name)
    {
        lock (metrics)
        {
            metrics.Clear();
            services.GetRequiredService<MeterProvider>().ForceFlush();
            var points = new List<MetricPoint>();
            foreach (var metric in metrics.Where(m => m.Name == name))
                points.AddRange(metric.MetricPoints);
            return points;
        }
    }

    public static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }

    /// <summary>A <c>traceparent</c> header of a new trace, and its id.</summary>
    public static (string Header, ActivityTraceId TraceId) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        return ($"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01", traceId);
    }
}
