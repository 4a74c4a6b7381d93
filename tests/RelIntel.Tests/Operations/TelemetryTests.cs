using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace RelIntel.Tests.Operations;

/// <summary>
/// OpenTelemetry through the HTTP API, with the in-memory exporter: a trace per request, a span per Neo4j statement named
/// after its .cypher file, the metrics operators watch — and never a parameter value or a person's data in any of it.
/// </summary>
public sealed class TelemetryTests : ApiTest
{
    private readonly CapturedTelemetry telemetry = new();
    private readonly WireFaults wire = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Neo4j:BreakDuration"] = "00:00:01",
        ["Neo4j:RetryBaseDelay"] = "00:00:00.010",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        telemetry.AddTo(services);
        wire.AddTo(services);
    }

    [TearDown]
    public void Heal() => wire.Heal();

    private async Task<(HttpResponseMessage Response, IReadOnlyList<Activity> Spans)> TracedAsync(HttpMethod method, string path, object? body = null)
    {
        var (header, traceId) = CapturedTelemetry.NewTrace();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("traceparent", header);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await Client.SendAsync(request);
        // The server span ends as the answer completes; give the exporter a moment to receive it.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!telemetry.Trace(traceId).Any(s => s.Kind == ActivityKind.Server) && DateTime.UtcNow < deadline) await Task.Delay(20);
        return (response, telemetry.Trace(traceId));
    }

    private static string AllText(Activity span) => string.Join("\n",
        new[] { span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}"))));

    [Test]
    public async Task A_request_is_one_trace_with_a_span_per_statement_named_after_its_cypher_file()
    {
        var organization = await World.OrganizationAsync("customer", "Telemetry Corp");
        var name = $"Quentin Zabriskie {Guid.NewGuid():N}"[..30];
        var email = $"q.{Guid.NewGuid():N}"[..14] + "@telemetry.example";
        var id = NewId("p-tele");

        var (put, writeSpans) = await TracedAsync(HttpMethod.Put, $"/api/people/{id}", new { name, organizationId = organization, email });
        await put.ShouldBe(HttpStatusCode.Created);
        var (get, readSpans) = await TracedAsync(HttpMethod.Get, $"/api/people/{id}");
        await get.ShouldBe(HttpStatusCode.OK);

        var server = readSpans.Single(s => s.Kind == ActivityKind.Server);
        Assert.That(server.GetTagItem("http.route"), Is.EqualTo("/api/people/{id}"));
        Assert.That(server.GetTagItem("url.path"), Is.EqualTo("/api/people/{id}"), "the route template, not the person's id");
        var statement = readSpans.Single(s => s.DisplayName == "people/get");
        Assert.That(statement.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(statement.ParentSpanId, Is.EqualTo(server.SpanId), "the statement is part of the request's trace");
        Assert.That(statement.GetTagItem("db.system.name"), Is.EqualTo("neo4j"));
        Assert.That(statement.GetTagItem("relintel.neo4j.access_mode"), Is.EqualTo("read"));
        Assert.That(statement.GetTagItem("db.response.returned_rows"), Is.EqualTo(1));
        Assert.That(statement.GetTagItem("relintel.neo4j.retries"), Is.EqualTo(0));
        Assert.That(statement.Duration, Is.GreaterThan(TimeSpan.Zero));

        var upsert = writeSpans.Single(s => s.DisplayName == "people/upsert");
        Assert.That(upsert.GetTagItem("relintel.neo4j.access_mode"), Is.EqualTo("write"));
        // No HTTP client span of its own: the statement's span is the call to Neo4j.
        Assert.That(writeSpans.Where(s => s.ParentSpanId == upsert.SpanId), Is.Empty);

        foreach (var span in writeSpans.Concat(readSpans))
        {
            var text = AllText(span);
            Assert.That(text, Does.Not.Contain(id).And.Not.Contain(name).And.Not.Contain(email).And.Not.Contain("Quentin"),
                $"span {span.DisplayName} carries personal data or parameter values:\n{text}");
        }
    }

    [Test]
    public async Task A_transaction_shows_its_statements_and_commit_and_a_failed_statement_names_only_neo4js_code()
    {
        var organization = await World.OrganizationAsync("customer", "Telemetry Tx");
        var id = NewId("p-tele");
        var name = $"Ottilie Vandersloot {Guid.NewGuid():N}"[..30];
        var (import, spans) = await TracedAsync(HttpMethod.Post, $"/api/organizations/{organization}/org-chart",
            new { mode = "merge", people = new[] { new { id, name } } });
        await import.ShouldBe(HttpStatusCode.OK);
        // The import's own transaction (the account facts' refresh after it saves in a transaction of its own).
        var transaction = spans.Single(s => s.DisplayName == "transaction"
                                            && spans.Any(c => c.ParentSpanId == s.SpanId && c.DisplayName == "people/employ"));
        var inside = spans.Where(s => s.ParentSpanId == transaction.SpanId).Select(s => s.DisplayName).ToList();
        Assert.That(inside, Is.EqualTo(new[] { "people/employ", "org-chart/upsert-people", "org-chart/set-lines", "accounts/touch", "commit" }));

        // A uniqueness violation: Neo4j's message quotes the value; the span says only the code.
        var domain = $"{Guid.NewGuid():N}.example";
        await PutAsync($"/api/organizations/{NewId("org")}", new { name = "One", kind = "customer", domain }).ShouldBe(HttpStatusCode.Created);
        var (clash, clashSpans) = await TracedAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", new { name = "Two", kind = "customer", domain });
        await clash.ShouldBeProblem(HttpStatusCode.Conflict);
        var failed = clashSpans.Single(s => s.DisplayName == "organizations/upsert");
        Assert.That(failed.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(failed.GetTagItem("error.type"), Is.EqualTo("Neo.ClientError.Schema.ConstraintValidationFailed"));
        Assert.That(string.Join("\n", clashSpans.Select(AllText)), Does.Not.Contain(domain));
    }

    [Test]
    public async Task Retries_show_on_the_span_and_in_the_retry_metric()
    {
        var organization = await World.OrganizationAsync("customer", "Telemetry Retry");
        var before = RetriesOf("organizations/get");
        wire.Refuse(r => r.Method == HttpMethod.Post && !WireFaults.Commit(r), count: 2);
        var (get, spans) = await TracedAsync(HttpMethod.Get, $"/api/organizations/{organization}");
        await get.ShouldBe(HttpStatusCode.OK);
        Assert.That(spans.Single(s => s.DisplayName == "organizations/get").GetTagItem("relintel.neo4j.retries"), Is.EqualTo(2));
        Assert.That(RetriesOf("organizations/get") - before, Is.EqualTo(2));
    }

    private long RetriesOf(string statement) => telemetry.Points(App.Services, "relintel.neo4j.retries")
        .Where(p => (string?)CapturedTelemetry.Tag(p, "db.query.summary") == statement).Sum(p => p.GetSumLong());

    [Test]
    public async Task Metrics_cover_requests_statements_and_the_circuit_breaker_as_it_opens_and_closes()
    {
        var organization = await World.OrganizationAsync("customer", "Telemetry Metrics");
        await Client.GetAsync($"/api/organizations/{organization}").ShouldBe(HttpStatusCode.OK);

        var requests = telemetry.Points(App.Services, "http.server.request.duration");
        Assert.That(requests.Any(p => (string?)CapturedTelemetry.Tag(p, "http.route") == "/api/organizations/{id}" && p.GetHistogramCount() > 0));
        var statements = telemetry.Points(App.Services, "relintel.neo4j.statement.duration");
        var get = statements.Single(p => (string?)CapturedTelemetry.Tag(p, "db.query.summary") == "organizations/get"
                                         && CapturedTelemetry.Tag(p, "error.type") is null);
        Assert.That(get.GetHistogramCount(), Is.GreaterThan(0));
        Assert.That(CapturedTelemetry.Tag(get, "relintel.neo4j.access_mode"), Is.EqualTo("read"));
        Assert.That(BreakerState(), Is.EqualTo(0), "closed");

        // Neo4j unreachable: the breaker opens, calls answer 503 at once, and it closes again by itself.
        // (The breaker opens once half the calls of its 10-second window failed, successes of earlier tests included.)
        wire.Refuse(WireFaults.Any);
        for (var i = 0; i < 20 && BreakerState() != 1; i++)
            await Client.GetAsync($"/api/organizations/{organization}").ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(BreakerState(), Is.EqualTo(1), "open");
        Assert.That(telemetry.Points(App.Services, "relintel.neo4j.circuit_breaker.opened").Sum(p => p.GetSumLong()), Is.GreaterThan(0));
        wire.Heal();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage answer;
        do
        {
            await Task.Delay(250);
            answer = await Client.GetAsync($"/api/organizations/{organization}");
        }
        while (answer.StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        await answer.ShouldBe(HttpStatusCode.OK);
        Assert.That(BreakerState(), Is.EqualTo(0), "closed again");
    }

    [Test]
    public async Task A_scheduled_run_is_a_trace_of_its_own_and_counts_in_the_run_and_delivery_metrics()
    {
        await using var receiver = await RelIntel.Tests.Reports.WebhookReceiver.StartAsync(failFirst: 1);
        await World.ReportPursuitAsync();
        var id = await World.ScheduleAsync("0 * * * *", receiver.Url);
        try
        {
            long Count(string metric, string outcome) => telemetry.Points(App.Services, metric)
                .Where(p => (string?)CapturedTelemetry.Tag(p, "outcome") == outcome).Sum(p => p.GetSumLong());
            var (runs, delivered, retrying) = (Count("relintel.reports.runs", "completed"),
                Count("relintel.reports.webhook.deliveries", "delivered"), Count("relintel.reports.webhook.attempts", "retrying"));
            App.Clock.Advance(TimeSpan.FromHours(1));
            var scheduler = App.Services.GetRequiredService<RelIntel.Api.Features.Reports.ReportScheduler>();
            Assert.That((await scheduler.RunDueAsync(App.Clock.GetUtcNow())).Count(r => r.ScheduleId == id), Is.EqualTo(1));

            Assert.That(Count("relintel.reports.runs", "completed") - runs, Is.EqualTo(1));
            Assert.That(Count("relintel.reports.webhook.deliveries", "delivered") - delivered, Is.EqualTo(1));
            Assert.That(Count("relintel.reports.webhook.attempts", "retrying") - retrying, Is.EqualTo(1), "the first attempt got a 503");
            var run = telemetry.Spans.Last(a => a.DisplayName == "report run" && (string?)a.GetTagItem("relintel.report_schedule.id") == id);
            var inRun = telemetry.Trace(run.TraceId).Select(a => a.DisplayName).ToList();
            Assert.That(inRun, Does.Contain("insights/warm-paths").And.Contain("reports/save").And.Contain("webhook delivery"));
        }
        finally
        {
            await Client.DeleteAsync($"/api/report-schedules/{id}");
        }
    }

    private long BreakerState() => telemetry.Points(App.Services, "relintel.neo4j.circuit_breaker.state").Single().GetGaugeLastValueLong(); // (one point per graph client alive; this app has one)
}
