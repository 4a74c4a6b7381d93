using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Introductions;

/// <summary>
/// Introductions brokered by the charter: one of our people asks a colleague for an introduction to one of theirs, the
/// colleague accepts (choosing what to share) or declines, the requester may withdraw, and the meeting closes the loop
/// (docs/introductions.md). Every step is audited as an answer that shows the relationship as an introduction.
/// </summary>
public static class IntroductionsEndpoints
{
    private static readonly CypherQuery Request = Cypher.Load("introductions/request");
    private static readonly CypherQuery List = Cypher.Load("introductions/list");
    private static readonly CypherQuery Transition = Cypher.Load("introductions/transition");
    private static readonly CypherQuery Stats = Cypher.Load("introductions/stats");

    public static RouteGroupBuilder MapIntroductions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/introductions").WithTags("Introductions");
        group.MapPost("/", RequestAsync)
            .WithName("requestIntroduction")
            .WithSummary("Ask a colleague for an introduction")
            .WithDescription("By a seller or manager key (acting as one of our people): the target (one of theirs), the introducer " +
                             "(one of ours), optionally the opportunity and a short note. Allowed only where the caller's own path " +
                             "answers could show that route (the introducer's relationship to the target visible to them, or offered " +
                             "as an introduction); otherwise 404 exactly as for an unknown person. An open request for the same " +
                             "people is a 409 naming its id; a requester holding the charter's introductions.maxOpenPerRequester " +
                             "waiting requests is a 422. Requests expire after the charter's introductions.expiryDays.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync)
            .WithName("listIntroductions")
            .WithSummary("Introduction requests")
            .WithDescription("as=requester: the caller's own requests; as=introducer: those addressed to them; as=approver: those " +
                             "their reports were asked for; none: all they take part in. Admins see all; an integration key takes " +
                             "part in none. Optionally one state. Newest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/stats", StatsAsync)
            .WithName("introductionStats")
            .WithSummary("How each introducer answers (admins)")
            .WithDescription("Per introducer: requests received, accepted (met ones included), declined, met, and the median " +
                             "hours from request to answer.")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/{id}", GetAsync)
            .WithName("getIntroduction")
            .WithSummary("One introduction request")
            .WithDescription("To its requester, introducer, the introducer's solid-line manager and admins; 404 to anyone else.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapStep(group, "accept", "acceptIntroduction", "Accept an introduction request (the introducer)",
            "share: route (the route only), strength (its strength too) or relationship (the relationship in detail, with its " +
            "history): from now on the requester sees exactly that in every answer that shows the relationship to them. " +
            "Where the charter requires manager approval, the request is accepted once the introducer's solid-line manager " +
            "approved too.");
        MapStep(group, "decline", "declineIntroduction", "Decline an introduction request (the introducer)",
            "An optional reason, shown to the requester only if given. A declined request reveals nothing.");
        MapStep(group, "withdraw", "withdrawIntroduction", "Withdraw an introduction request (the requester)", "Only a request still waiting.");
        MapStep(group, "approve", "approveIntroduction", "Approve an introduction request (the introducer's solid-line manager)",
            "Only where the charter required approval when the request was made.");
        return group;
    }

    private static void MapStep(RouteGroupBuilder group, string action, string name, string summary, string description)
    {
        RouteHandlerBuilder route = action switch
        {
            "accept" => group.MapPost("/{id}/accept", (string id, AcceptIntroductionRequest request, Caller caller, ViewerGraph graph,
                    IOptions<WebhookOptions> webhooks, AuditLog audit, CancellationToken cancellationToken) =>
                StepAsync(id, "accept", request.Share!.Value.Word(), null, caller, graph, webhooks, audit, cancellationToken)),
            "decline" => group.MapPost("/{id}/decline", (string id, DeclineIntroductionRequest? request, Caller caller, ViewerGraph graph,
                    IOptions<WebhookOptions> webhooks, AuditLog audit, CancellationToken cancellationToken) =>
                StepAsync(id, "decline", null, string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason, caller, graph,
                    webhooks, audit, cancellationToken)),
            _ => group.MapPost($"/{{id}}/{action}", (string id, Caller caller, ViewerGraph graph, IOptions<WebhookOptions> webhooks,
                    AuditLog audit, CancellationToken cancellationToken) =>
                StepAsync(id, action, null, null, caller, graph, webhooks, audit, cancellationToken)),
        };
        route.WithName(name).WithSummary(summary)
            .WithDescription(description + " States move only forward: a step from a state that moved on is a 422 naming the state.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private sealed record RequestRow(string Outcome, string? DuplicateId, IntroductionResponse? Introduction);

    private sealed record StepRow(string Outcome, string State, IntroductionResponse Introduction);

    private sealed record ListRow(long Total, List<IntroductionResponse> Items);

    private static async Task<Results<AuditedResult<Created<IntroductionResponse>>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        IntroductionRequest request, Caller caller, ViewerGraph graph, IOptions<InsightOptions> insights, IOptions<WebhookOptions> webhooks,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (caller.Role is not (ApiRole.Seller or ApiRole.Manager) || caller.PersonId is not { } requesterId)
            return Access.Forbidden("introducerId", "Introductions are asked for by one of our people: a seller or manager key.");
        if (request.IntroducerId == requesterId) return Problems.Invalid("introducerId", "Ask someone else: you are the requester.");
        var viewer = graph.Viewer;
        var settings = viewer.Charter.Introductions;
        var id = $"intro-{Guid.NewGuid():N}";
        var (expired, row) = await graph.ExecuteWriteAsync(async tx =>
        {
            // The open-request count and the duplicate check depend on states: expiries are stored first.
            var expired = await IntroductionSweep.ExpireAsync(tx, webhooks.Value, viewer.Now, cancellationToken);
            var row = (await tx.RunAsync(Request, new
            {
                id,
                requesterId,
                introducerId = request.IntroducerId,
                targetId = request.TargetId,
                opportunityId = request.OpportunityId,
                note = request.Note,
                now = viewer.Now,
                expiresAt = viewer.Now.AddDays(settings.ExpiryDays),
                maxOpen = settings.MaxOpenPerRequester,
                approvalRequired = settings.ManagerApprovalRequired,
                trust = insights.Value.EdgeTrust,
                staleFactor = insights.Value.StaleFactor,
            }, cancellationToken)).SingleOrDefault<RequestRow>();
            if (row?.Outcome == "created")
                await IntroductionEvents.EnqueueAsync(tx, webhooks.Value, IntroductionState.Requested, [id], viewer.Now, cancellationToken);
            return (expired, row);
        }, cancellationToken);
        await IntroductionSweep.AuditAsync(audit, expired, cancellationToken);
        return row?.Outcome switch
        {
            "created" => TypedResults.Created($"/api/introductions/{id}", row.Introduction!).Audited(row.Introduction!.Shown),
            "duplicate" => Problems.Conflict("Introduction already requested",
                $"Introduction request '{row.DuplicateId}' for the same people is still open.", "targetId", row.DuplicateId),
            "limit" => Problems.Unprocessable("Too many open introduction requests",
                $"The charter lets one requester wait for at most {settings.MaxOpenPerRequester} answers at once; withdraw one or wait.",
                "targetId"),
            "opportunity-not-found" => Problems.NotFound("Opportunity", "opportunityId", request.OpportunityId!),
            // An unknown target, a do-not-contact one and a route the caller may not see are answered alike.
            _ => Problems.NotFound("Person", "targetId", request.TargetId!),
        };
    }

    private static async Task<Results<AuditedResult<Ok<Paged<IntroductionResponse>>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Caller caller, ViewerGraph graph, CancellationToken cancellationToken, string? @as = null, string? state = null,
        int? page = null, int? pageSize = null)
    {
        var validation = new Validation();
        var role = validation.Word<IntroductionRole>("as", @as);
        var inState = validation.Word<IntroductionState>("state", state);
        if (validation.Problem() is { } problem) return problem;
        var party = PartyOf(caller);
        var paging = Paging.Of(page, pageSize);
        var row = await ReadAsync(graph, party, null, role, inState, paging.Skip, paging.PageSize, cancellationToken);
        return TypedResults.Ok(new Paged<IntroductionResponse>(row.Items, paging.Page, paging.PageSize, row.Total))
            .Audited(row.Items.SelectMany(i => i.Shown).Distinct().ToList());
    }

    private static async Task<Results<AuditedResult<Ok<IntroductionResponse>>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, Caller caller, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(graph, PartyOf(caller), id, null, null, 0, 1, cancellationToken);
        return row.Items is [var introduction]
            ? TypedResults.Ok(introduction).Audited(introduction.Shown)
            : Problems.NotFound("Introduction", "id", id);
    }

    private static async Task<Ok<IReadOnlyList<IntroducerStats>>> StatsAsync(ViewerGraph graph, CancellationToken cancellationToken)
    {
        var rows = (await graph.ReadAsync(Stats, null, cancellationToken)).As<IntroducerStats>().ToList();
        return TypedResults.Ok<IReadOnlyList<IntroducerStats>>(rows);
    }

    private static async Task<Results<AuditedResult<Ok<IntroductionResponse>>, ValidationProblem, ProblemHttpResult>> StepAsync(
        string id, string action, string? share, string? reason, Caller caller, ViewerGraph graph, IOptions<WebhookOptions> webhooks,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (caller.Role is not (ApiRole.Seller or ApiRole.Manager) || caller.PersonId is not { } personId)
            return Access.Forbidden("id", "Only the people an introduction request involves take its steps: a seller or manager key.");
        var now = graph.Viewer.Now;
        var (expired, row) = await graph.ExecuteWriteAsync(async tx =>
        {
            // A request past its expiry is stored as expired first: the step is refused naming that state.
            var expired = await IntroductionSweep.ExpireAsync(tx, webhooks.Value, now, cancellationToken);
            var row = (await tx.RunAsync(Transition, new { id, personId, action, share, reason, now }, cancellationToken)).SingleOrDefault<StepRow>();
            // A step that moved the request on tells of it (an acceptance still awaiting approval does not, yet).
            if (row is { Outcome: "done" } && row.Introduction.State != IntroductionState.Requested)
                await IntroductionEvents.EnqueueAsync(tx, webhooks.Value, row.Introduction.State, [id], now, cancellationToken);
            return (expired, row);
        }, cancellationToken);
        await IntroductionSweep.AuditAsync(audit, expired, cancellationToken);
        return row?.Outcome switch
        {
            "done" => TypedResults.Ok(row.Introduction).Audited(row.Introduction.Shown),
            "not-yours" => Access.Forbidden("id", action switch
            {
                "withdraw" => "Only the requester withdraws a request.",
                "approve" => "Only the introducer's solid-line manager approves a request.",
                _ => $"Only the introducer may {action} a request.",
            }),
            "state" => Problems.Unprocessable($"The request is {Describe(row)}",
                $"Introduction request '{id}' is {Describe(row)}: it cannot be {Past(action)} now. States move only forward.", "state"),
            "no-approval" => Problems.Unprocessable("Nothing to approve",
                $"Introduction request '{id}' needs no approval, or was approved already.", "id"),
            _ => Problems.NotFound("Introduction", "id", id),
        };
    }

    private static string Describe(StepRow row) =>
        row.Introduction.AwaitingApproval ? "accepted by the introducer, awaiting approval" : row.State;

    private static string Past(string action) => action switch
    {
        "accept" => "accepted",
        "decline" => "declined",
        "withdraw" => "withdrawn",
        _ => "approved",
    };

    /// <summary>
    /// Who the caller is among introductions: a person of ours, or (admins) everyone. An integration key acts as no one
    /// and so takes part in none: it lists none and finds none, as for unknown ids.
    /// </summary>
    private sealed record Party(string? PersonId);

    private static Party PartyOf(Caller caller) => caller.Role switch
    {
        ApiRole.Admin => new Party(null),
        _ => new Party(caller.PersonId ?? ""),
    };

    private static async Task<ListRow> ReadAsync(ViewerGraph graph, Party party, string? id, IntroductionRole? role,
        IntroductionState? state, int skip, int limit, CancellationToken cancellationToken)
    {
        // A read never writes: a request past its expiry reads as expired (introductions.state); the sweep stores it.
        return (await graph.ReadAsync(List, new
        {
            id, personId = party.PersonId, @as = role?.Word(), state = state?.Word(), skip, limit,
        }, cancellationToken)).SingleOrDefault<ListRow>()!;
    }
}
