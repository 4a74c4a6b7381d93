using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Insights;

/// <summary>The answers: whom to reach, who of ours talks to whom, through whom.</summary>
public static class InsightsEndpoints
{
    private static readonly CypherQuery PathEnds = Cypher.Load("insights/path-ends");
    private static readonly CypherQuery Influencers = Cypher.Load("insights/influencers");

    public const int DefaultTop = 10;
    public const int MaxTop = 100;

    public static RouteGroupBuilder MapInsights(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Insights");
        group.MapGet("/opportunities/{id}/recommendations", RecommendationsAsync)
            .WithName("getRecommendations")
            .WithSummary("Whom to reach in a deal, through whom, and who of ours should do it")
            .WithDescription("The buying center ordered by priority (role weight at the opportunity's stage × influence × attitude), the k best warm paths to " +
                             "each member (pathsPerTarget, 1–10, default 3), an engagement plan and the gaps. Scores rank; they " +
                             "are not probabilities.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/opportunities/{id}/power-map", PowerMapAsync)
            .WithName("getPowerMap")
            .WithSummary("The buying center as a power map, with a red/amber/green status")
            .WithDescription("Answers application/json (default) or, with Accept: image/svg+xml, the same analysis drawn as a " +
                             "picture: members placed by the customer's hierarchy (with the managers who connect them, faded), " +
                             "roles, attitudes, informal lines, our coverage, the status, the gaps and a legend; 406 for anything else.")
            .AlsoAnswers(ChartSvg.MediaType, PictureAnswers.SvgDescription)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        group.MapGet("/paths", PathsAsync)
            .WithName("getWarmPaths")
            .WithSummary("The best warm paths from one of our people to one of theirs")
            .WithDescription("k (1–10, default 3) paths of at most maxHops (1–4, default 4) hops, best first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/organizations/{id}/influencers", InfluencersAsync)
            .WithName("getInfluencers")
            .WithSummary("Whom to reach in an organization when no buying center is known")
            .WithDescription("People ranked by influence from the formal hierarchy (level, size of the reporting tree below) and " +
                             "the informal influence they receive, each factor shown; top 1–100, default 10.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<Results<AuditedResult<Ok<RecommendationsResponse>>, ValidationProblem, ProblemHttpResult>> RecommendationsAsync(
        string id, [Between(1, OpportunityInsights.MaxPathsPerTarget)] int? pathsPerTarget, Viewer viewer, OpportunityInsights insights, AnswerCache cache, CancellationToken cancellationToken)
    {
        var paths = pathsPerTarget ?? OpportunityInsights.DefaultPathsPerTarget;
        var atMinute = viewer.AtWholeMinute();
        var audited = await cache.GetOrComputeAsync("recommendations", id, new { id, paths }, atMinute,
            token => insights.RecommendAsync(id, atMinute, paths, token), cancellationToken);
        if (audited is null) return Problems.NotFound("Opportunity", "id", id);
        // A cached answer is recorded exactly as a fresh one: the same relationships shown.
        return TypedResults.Ok(audited.Answer).Audited(audited.Shown);
    }

    private static async Task<Results<AuditedResult<Ok<PowerMapResponse>>, AuditedResult<ContentHttpResult>, ValidationProblem, ProblemHttpResult>> PowerMapAsync(
        string id, Viewer viewer, OpportunityInsights insights, AnswerCache cache, IGraph graph, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (PictureAnswers.Negotiate(context.Request) is not { } format) return PictureAnswers.NotAcceptable("Power maps");
        var atMinute = viewer.AtWholeMinute();
        var audited = await cache.GetOrComputeAsync("power-map", id, new { id }, atMinute, token => insights.PowerMapAsync(id, atMinute, token),
            cancellationToken);
        if (audited is null) return Problems.NotFound("Opportunity", "id", id);
        // The picture shows what the JSON shows: the same relationships, so the same audit entry.
        if (format == PictureFormat.Svg)
            return PictureAnswers.Svg(context, await PictureAnswers.PowerMapAsync(graph, audited.Answer, atMinute, cancellationToken))
                .Audited(audited.Shown);
        ContentNegotiation.VaryByAccept(context);
        return TypedResults.Ok(audited.Answer).Audited(audited.Shown);
    }

    private sealed record PathEndsRow(PersonRef? From, bool? FromIsOurs, PersonRef? To, bool? ToIsOurs);

    private static async Task<Results<AuditedResult<Ok<PathsResponse>>, ValidationProblem, ProblemHttpResult>> PathsAsync(
        [RequiredId] string? from, [RequiredId] string? to, [Between(1, OpportunityInsights.MaxPathsPerTarget)] int? k,
        [Between(1, WarmPaths.MaxHops)] int? maxHops, ViewerGraph graph, IOptions<InsightOptions> options,
        CancellationToken cancellationToken)
    {
        var ends = (await graph.ReadAsync(PathEnds, new { fromId = from, toId = to }, cancellationToken))
            .SingleOrDefault<PathEndsRow>()!;
        if (ends.From is null) return Problems.NotFound("Person", "from", from!);
        if (ends.To is null) return Problems.NotFound("Person", "to", to!);
        if (ends.FromIsOurs != true) return Problems.Invalid("from", "Paths start at one of our people (an organization of kind own).");
        if (ends.ToIsOurs == true) return Problems.Invalid("to", "Paths end at one of their people, not ours.");

        var hops = maxHops ?? WarmPaths.MaxHops;
        var routes = await WarmPaths.FindAsync(graph, [to!], from, hops, k ?? OpportunityInsights.DefaultPathsPerTarget, graph.Viewer,
            options.Value, cancellationToken);
        var paths = routes.GetValueOrDefault(to!)?.Best.Select(r => r.Path).ToList() ?? [];
        return TypedResults.Ok(new PathsResponse(ends.From, ends.To, hops, paths, WarmPaths.ScoreNote)).Audited(WarmPaths.RelationshipsIn(paths));
    }

    private sealed record InfluencersRow(string OrganizationId, string Kind, long ChartVersion, long? FactsVersion, string? SettingsKey,
        DateTimeOffset? ComputedAt, long People, List<Influencer> Ranked);

    private static async Task<Results<Ok<InfluencersResponse>, ValidationProblem, ProblemHttpResult>> InfluencersAsync(
        string id, [Between(1, MaxTop)] int? top, IGraph graph, AccountFacts facts, CancellationToken cancellationToken)
    {
        var parameters = new { organizationId = id, top = top ?? DefaultTop };
        var row = (await graph.ReadAsync(Influencers, parameters, cancellationToken)).SingleOrDefault<InfluencersRow>();
        if (row is null) return Problems.NotFound("Organization", "id", id);
        if (row.Kind == "own")
            return Problems.Unprocessable("Our own organization", "Influencers are ranked in customer and partner organizations, not ours.", "id");
        var action = facts.Decide(new FactsState(id, row.ChartVersion, row.FactsVersion, row.SettingsKey, row.People));
        if (action == FactsAction.RefreshFirst)
        {
            await facts.RefreshAsync(id, row.ChartVersion, cancellationToken);
            row = (await graph.ReadAsync(Influencers, parameters, cancellationToken)).SingleOrDefault<InfluencersRow>()!;
        }
        var ranked = row.Ranked.Select(x => x with
        {
            Influence = WarmPaths.Round(x.Influence),
            Factors = x.Factors with
            {
                LevelScore = WarmPaths.Round(x.Factors.LevelScore),
                SpanScore = WarmPaths.Round(x.Factors.SpanScore),
                NetworkRank = WarmPaths.Round(x.Factors.NetworkRank),
                NetworkScore = WarmPaths.Round(x.Factors.NetworkScore),
            },
        }).ToList();
        var asOf = new FactsAsOf(row.FactsVersion ?? 0, row.ComputedAt ?? DateTimeOffset.UnixEpoch, row.FactsVersion == row.ChartVersion);
        return TypedResults.Ok(new InfluencersResponse(row.OrganizationId, ranked, asOf,
            "Influence ranks people in [0, 1] within their organization: a weighted sum of their level, the people below them and " +
            "their standing in the network of reporting and influence lines (a PageRank-like share), each scaled to the " +
            "organization. It is not a probability."));
    }
}
