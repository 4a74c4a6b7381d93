using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary><c>Telemetry</c>: where traces and metrics go. Nothing leaves the process unless an OTLP endpoint is configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The OTLP collector, e.g. <c>http://otel-collector:4317</c>. Empty: no export (the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable works too).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The <c>service.name</c> traces and metrics carry.</summary>
    public string ServiceName { get; set; } = "relintel-api";
}

/// <summary>
/// OpenTelemetry: a trace per request (ASP.NET Core), a span per Neo4j statement (<see cref="Neo4jTelemetry"/>), spans for
/// scheduled report runs and webhook deliveries, and their metrics. Spans never carry parameter values or personal data:
/// request spans name the route template, not the path (ids in paths are people's CRM keys), and drop the query string.
/// </summary>
public static class Telemetry
{
    /// <summary>The service's own <see cref="ActivitySource"/> and meter.</summary>
    public const string Name = "RelIntel.Api";

    public static readonly ActivitySource Source = new(Name);

    public static IServiceCollection AddApiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton<ApiMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(Neo4jTelemetry.Name, Name)
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpResponse = (activity, response) =>
                {
                    var route = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                    activity.SetTag("url.path", route is null ? null : "/" + route.TrimStart('/'));
                    activity.SetTag("url.query", null);
                })
                // A statement's span already covers its HTTP request to Neo4j. (Whether the HTTP span is current yet when
                // the filter runs depends on the runtime's instrumentation, so both are looked at.)
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = _ =>
                    Activity.Current is not { } current || (current.Source != Neo4jTelemetry.Source && current.Parent?.Source != Neo4jTelemetry.Source)))
            .WithMetrics(metrics => metrics
                .AddMeter(Neo4jTelemetry.Name, Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
        if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
        {
            var protocol = settings.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(settings.OtlpEndpoint));
        }
        else if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return services;
    }
}

/// <summary>The service's own metrics: scheduled report runs and webhook deliveries.</summary>
public sealed class ApiMetrics
{
    private readonly Counter<long> reportRuns;
    private readonly Histogram<double> reportRunDuration;
    private readonly Counter<long> webhookDeliveries;
    private readonly Counter<long> webhookAttempts;
    private long pendingDeliveries;

    public ApiMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        reportRuns = meter.CreateCounter<long>("relintel.reports.runs", "{run}",
            "Scheduled report runs by outcome: completed, failed, or lost (another instance took the lease over).");
        reportRunDuration = meter.CreateHistogram<double>("relintel.reports.run.duration", "s", "How long a scheduled run took.");
        webhookDeliveries = meter.CreateCounter<long>("relintel.reports.webhook.deliveries", "{delivery}",
            "Report deliveries to webhooks by outcome: delivered, pending (tried again later) or failed (given up).");
        webhookAttempts = meter.CreateCounter<long>("relintel.reports.webhook.attempts", "{attempt}",
            "Single POSTs to webhooks by outcome: delivered, retrying or failed.");
        meter.CreateObservableGauge("relintel.reports.webhook.pending", () => Interlocked.Read(ref pendingDeliveries), "{delivery}",
            "Reports waiting in the outbox for delivery, as this instance last counted them.");
    }

    public void ReportRun(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        reportRuns.Add(1, tag);
        reportRunDuration.Record(elapsed.TotalSeconds, tag);
    }

    public void WebhookDelivery(string outcome) => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebhookAttempt(string outcome) => webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void PendingDeliveries(long count) => Interlocked.Exchange(ref pendingDeliveries, count);
}
