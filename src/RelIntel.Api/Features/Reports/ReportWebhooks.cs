using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Renders a report's outbox entry (kind <c>report</c>) when it is sent: the stored report as the charter lets its
/// audience read it now (a person marked do-not-contact since is not sent), audited as read by its schedule before it
/// leaves. A repeat carries the same <c>X-RelIntel-Report-Id</c>, so the receiver can drop it.
/// </summary>
public sealed class ReportWebhooks(ReportStore store, AuditLog audit, IOptions<JsonOptions> json) : IOutboxRenderer
{
    public const string Kind = "report";

    public bool Renders(string kind) => kind == Kind;

    public async Task<RenderedEntry?> RenderAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(entry.SubjectId, cancellationToken) is not { } report) return null;
        // What leaves for the webhook is read: the audit records it as read by the schedule, before it leaves.
        await audit.RecordDeliveryAsync(report.Report.ScheduleId ?? "on request", report.Report.Id, report.ShownKeys, cancellationToken);
        var body = JsonSerializer.Serialize(report.Report, json.Value.SerializerOptions);
        return new RenderedEntry(new WebhookMessage(body, new Dictionary<string, string> { ["X-RelIntel-Report-Id"] = report.Report.Id }), null);
    }
}
