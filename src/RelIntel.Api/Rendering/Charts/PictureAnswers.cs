using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Rendering.Charts;

/// <summary>The formats of an answer that can also be drawn: its JSON (the default) or its picture.</summary>
public enum PictureFormat
{
    Json,
    Svg,
}

/// <summary>Answers that can be pictures: the content negotiation they share, and the power map drawn.</summary>
public static class PictureAnswers
{
    private static readonly CypherQuery PowerMapHierarchy = Cypher.Load("pictures/power-map-hierarchy");

    private static readonly Offer<PictureFormat>[] Offers =
    [
        new(PictureFormat.Json, "application/json", "application/*"),
        new(PictureFormat.Svg, ChartSvg.MediaType, "image/*"),
    ];

    /// <summary>What the OpenAPI document says of the SVG alternative.</summary>
    public const string SvgDescription = "The same answer drawn as a self-contained SVG (no script), when asked for with Accept: image/svg+xml.";

    /// <summary>JSON unless the caller asks for SVG (<c>image/svg+xml</c> or <c>image/*</c>); null when they accept neither.</summary>
    public static PictureFormat? Negotiate(HttpRequest request) => ContentNegotiation.Choose(request, Offers);

    /// <summary>The 406 for a caller who accepts neither JSON nor SVG.</summary>
    public static ProblemHttpResult NotAcceptable(string what) => ContentNegotiation.NotAcceptable(what, "application/json", ChartSvg.MediaType);

    /// <summary>An SVG answer (the chart is drawn here, so every picture is answered the same way).</summary>
    public static ContentHttpResult Svg(HttpContext context, Chart chart)
    {
        ContentNegotiation.VaryByAccept(context);
        return TypedResults.Text(ChartSvg.Render(chart), $"{ChartSvg.MediaType}; charset=utf-8");
    }

    private sealed record HierarchyRow(string AccountName, List<HierarchyPerson> People);

    /// <summary>
    /// The account's name, and the members of the opportunity's buying center the power map shows with the managers
    /// who connect them (<c>cypher/pictures/power-map-hierarchy.cypher</c>); null for an unknown opportunity.
    /// </summary>
    public static async Task<(string AccountName, IReadOnlyList<HierarchyPerson> People)?> PowerMapHierarchyAsync(IGraph graph,
        string opportunityId, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(PowerMapHierarchy, new { id = opportunityId }, cancellationToken)).SingleOrDefault<HierarchyRow>();
        return row is null ? null : (row.AccountName, row.People);
    }

    /// <summary>
    /// The power map as a picture: its members placed by the customer's hierarchy with the managers who connect them, as
    /// of the viewer's moment. Shows exactly what <paramref name="map"/> shows (the same relationships), plus the
    /// connecting managers' names and titles.
    /// </summary>
    public static async Task<Chart> PowerMapAsync(IGraph graph, PowerMapResponse map, Viewer viewer, CancellationToken cancellationToken)
    {
        var found = await PowerMapHierarchyAsync(graph, map.Opportunity.Id, cancellationToken);
        return PowerMapChart.From(map, found?.AccountName ?? map.Opportunity.OrganizationId, viewer.Now, found?.People ?? []);
    }
}
