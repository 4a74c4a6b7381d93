using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Accounts;

/// <summary>The whole account beyond one deal: the political org chart (JSON or a picture) and coverage by department and division.</summary>
public static class AccountsEndpoints
{
    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/organizations/{id}");
        // GET reads what POST /organizations/{id}/org-chart imports; every key reads it, as the charter lets it see.
        group.MapGet("/org-chart", OrgChartAsync)
            .WithTags("Org chart")
            .WithName("getOrgChart")
            .WithSummary("The political org chart of an account, with our coverage of every person")
            .WithDescription($"The organization's hierarchy, or one division with rootId (that person and everyone below them on " +
                             $"solid lines), at most depth levels down (0–{AccountOrgCharts.MaxDepth}, default all). Per person: the " +
                             "best way one of ours reaches them directly (a relationship you may see, or an introduction through one " +
                             "you may not), every one of ours who does, and how many of those relationships went stale; the " +
                             "influence and rapport lines among the people shown. Do-not-contact people appear to admins only. At " +
                             $"most {AccountOrgCharts.MaxPeople} people per chart: a larger one is a 422 that suggests rootId. Answers " +
                             "application/json (default) or, with Accept: image/svg+xml, the chart drawn; 406 for anything else.")
            .AlsoAnswers(ChartSvg.MediaType, PictureAnswers.SvgDescription)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/coverage", CoverageAsync)
            .WithTags("Insights")
            .WithName("getAccountCoverage")
            .WithSummary("How well we cover an account, per department and per division")
            .WithDescription("Per department and per division (a VP and everyone below them on solid lines, up to the next VP): " +
                             "people by seniority and how many of them one of ours reaches directly, the best relationship (or " +
                             "introduction) and who of ours holds it, the senior people with no warm path, single-threaded groups " +
                             "(all coverage through one of ours) and coverage that rests on stale relationships; an overall score " +
                             "explained factor by factor (not a probability). Do-not-contact people are not counted. The whole " +
                             $"account's answer holds every department and one page of the divisions (page, pageSize), each group's " +
                             $"lists cut to their first {AccountCoverage.SummaryListLimit} (their counts are whole); department=… or " +
                             "divisionId=… (the VP heading it) drills into one group, with one page of each of its lists.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<Results<AuditedResult<Ok<AccountOrgChartResponse>>, AuditedResult<ContentHttpResult>, ValidationProblem, ProblemHttpResult>> OrgChartAsync(
        string id, string? rootId, [Between(0, AccountOrgCharts.MaxDepth)] int? depth, Viewer viewer, IGraph graph, IOptions<InsightOptions> options,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (PictureAnswers.Negotiate(context.Request) is not { } format) return PictureAnswers.NotAcceptable("Org charts");

        var read = await AccountOrgCharts.ReadAsync(graph, id, rootId, depth ?? AccountOrgCharts.MaxDepth, viewer, options.Value, cancellationToken);
        if (!read.OrganizationFound) return Problems.NotFound("Organization", "id", id);
        if (read.Ours) return OurOwn();
        if (!read.RootFound) return Problems.NotFound("Person", "rootId", rootId!);
        if (rootId is not null && read.RootOrganizationId != id)
            return Problems.Unprocessable("The root works elsewhere", $"Person '{rootId}' does not work at organization '{id}'.", "rootId");
        if (read.Answer is not { } chart)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many people for one chart",
                detail: $"This chart would hold {read.Total} people; one chart shows at most {AccountOrgCharts.MaxPeople}. Ask for one " +
                        $"division: rootId (a VP's or director's id) and, if it is still too large, depth (how many levels below them).",
                extensions: new Dictionary<string, object?> { ["field"] = "rootId", ["people"] = read.Total, ["maxPeople"] = AccountOrgCharts.MaxPeople });
        }

        var shown = AccountOrgCharts.Shown(chart).ToList();
        if (format == PictureFormat.Svg) return PictureAnswers.Svg(context, AccountOrgCharts.Picture(chart)).Audited(shown);
        ContentNegotiation.VaryByAccept(context);
        return TypedResults.Ok(chart).Audited(shown);
    }

    private static async Task<Results<AuditedResult<Ok<AccountCoverageResponse>>, ValidationProblem, ProblemHttpResult>> CoverageAsync(
        string id, string? department, string? divisionId, Viewer viewer, CoverageAnswers coverage, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        if (department is not null && divisionId is not null)
            return Problems.Invalid("divisionId", "Drill into one group: department or divisionId, not both.");
        if (department is not null && string.IsNullOrWhiteSpace(department))
            return Problems.Invalid("department", $"Must name a department (people without one are '{AccountCoverage.NoDepartment}').");
        if (divisionId is not null && string.IsNullOrWhiteSpace(divisionId))
            return Problems.Invalid("divisionId", "Must be the id of the VP heading a division.");
        var read = await coverage.ReadAsync(id, viewer, new AccountCoverage.Part(department?.Trim(), divisionId, Paging.Of(page, pageSize)),
            cancellationToken);
        if (!read.Found) return Problems.NotFound("Organization", "id", id);
        if (read.Ours) return OurOwn();
        if (read.Answer is not { } answer)
            return department is not null
                ? Problems.NotFound("Department", "department", department)
                : Problems.NotFound("Division", "divisionId", divisionId!);
        // The audit names what this part shows.
        return TypedResults.Ok(answer.Answer).Audited(answer.Shown);
    }

    private static ProblemHttpResult OurOwn() => Problems.Unprocessable("Our own organization",
        "Coverage and org charts with our coverage are of customers, partners and competitors, not of our own organization.", "id");
}
