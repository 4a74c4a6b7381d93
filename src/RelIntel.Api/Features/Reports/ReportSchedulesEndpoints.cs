using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>When reports are made: cron schedules, run by the background scheduler of whichever instance claims the slot.</summary>
public static class ReportSchedulesEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("report-schedules/upsert");
    private static readonly CypherQuery Get = Cypher.Load("report-schedules/get");
    private static readonly CypherQuery List = Cypher.Load("report-schedules/list");
    private static readonly CypherQuery Delete = Cypher.Load("report-schedules/delete");

    public static RouteGroupBuilder MapReportSchedules(this IEndpointRouteBuilder routes)
    {
        // Schedules hold webhook URLs the service calls from inside the network: admins only.
        var group = routes.MapGroup("/report-schedules").WithTags("Reports").RequireAuthorization(Policies.Admin);
        group.MapPut("/{id}", PutAsync)
            .WithName("upsertReportSchedule")
            .WithSummary("Create or replace a report schedule")
            .WithDescription(MergePatch.PutOnlySemantics + " cron: 5 crontab fields (minute hour day-of-month month day-of-week), e.g. '0 7 * * 1' for Mondays at " +
                             "7:00. timeZone: an IANA id (default UTC) the cron is read in. opportunityIds: the opportunities to " +
                             "report on (404 when one is unknown); left out: every open opportunity at run time. webhookUrl: an " +
                             "absolute http(s) URL each report is POSTed to as JSON, with retries. A slot missed while the service " +
                             "was down runs once when it is back. A new or re-timed schedule starts counting from now. 201 when " +
                             "new, 200 when replaced.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetAsync)
            .WithName("getReportSchedule")
            .WithSummary("Get one report schedule")
            .WithDescription("With the slot it last ran for, the reports that run made, and its next slot (a past one is due and " +
                             "runs at the scheduler's next look).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync)
            .WithName("listReportSchedules")
            .WithSummary("List report schedules");
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("deleteReportSchedule")
            .WithSummary("Delete a report schedule")
            .WithDescription("The reports it made stay until their retention ends.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record UpsertRow(bool Created, List<string> Missing, StoredSchedule? Schedule);

    private sealed record ScheduleRow(StoredSchedule Schedule);

    private sealed record PageRow(long Total, List<StoredSchedule> Items);

    private sealed record DeleteRow(bool Found);

    private static async Task<Results<Created<ReportScheduleResponse>, Ok<ReportScheduleResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, ReportScheduleRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Upsert, new
        {
            id,
            cron = CronSlots.Normalize(request.Cron!),
            timeZone = request.TimeZone ?? "UTC",
            opportunityIds = request.OpportunityIds,
            webhookUrl = request.WebhookUrl,
            now = clock.GetUtcNow(),
        }, cancellationToken)).SingleOrDefault<UpsertRow>()!;

        if (row.Missing.Count > 0) return Problems.NotFound("Opportunity", "opportunityIds", row.Missing[0]);
        var schedule = row.Schedule!.ToResponse();
        return row.Created
            ? TypedResults.Created($"/api/report-schedules/{Uri.EscapeDataString(id)}", schedule)
            : TypedResults.Ok(schedule);
    }

    private static async Task<Results<Ok<ReportScheduleResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<ScheduleRow>();
        return row is null ? Problems.NotFound("Report schedule", "id", id) : TypedResults.Ok(row.Schedule.ToResponse());
    }

    private static async Task<Results<Ok<Paged<ReportScheduleResponse>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, IGraph graph, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(page, pageSize);
        var row = (await graph.ReadAsync(List, new { skip = paging.Skip, limit = paging.PageSize }, cancellationToken)).SingleOrDefault<PageRow>()!;
        return TypedResults.Ok(new Paged<ReportScheduleResponse>(row.Items.Select(s => s.ToResponse()).ToList(), paging.Page,
            paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Delete, new { id }, cancellationToken)).SingleOrDefault<DeleteRow>()!;
        return row.Found ? TypedResults.NoContent() : Problems.NotFound("Report schedule", "id", id);
    }
}
