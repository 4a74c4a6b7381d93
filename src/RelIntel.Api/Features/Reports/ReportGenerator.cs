using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RelIntel.Neo4j;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Reports;

/// <summary>Makes and stores reports from the opportunity insights, as the report audience (every seller) sees them.</summary>
public sealed class ReportGenerator(
    OpportunityInsights insights,
    ReportStore store,
    IOptions<ReportOptions> options,
    CharterStore charterStore,
    AccountCoverage accounts,
    IGraph graph)
{
    /// <summary>How many warm paths per target the recommendations behind a report consider.</summary>
    public const int PathsPerTarget = 3;

    /// <summary>How far back a first report of an opportunity looks for the account's people changes.</summary>
    public static readonly TimeSpan FirstPeopleChangesWindow = TimeSpan.FromDays(30);

    /// <summary>A new id for a report made on request.</summary>
    public static string NewId() => $"rep-{Guid.NewGuid():N}";

    /// <summary>The id of the report a schedule's slot makes for one opportunity: the same for every instance that tries.</summary>
    public static string ScheduledId(string scheduleId, DateTimeOffset slot, string opportunityId)
    {
        var key = $"{scheduleId}\n{slot.UtcDateTime:O}\n{opportunityId}";
        return "rep-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>Generates and stores one report, its delivery to <paramref name="webhookUrl"/> pending if given; null when the
    /// opportunity does not exist. Created is false when a report with that id was stored already (a scheduled slot taken
    /// over from another instance).</summary>
    public async Task<(StoredReport Report, bool Created)?> GenerateAsync(string opportunityId, ReportBuilder.Origin origin,
        CancellationToken cancellationToken, Uri? webhookUrl = null)
    {
        // Evaluated as of the report's moment, so strength, staleness and what went stale agree with its time.
        var audience = Viewer.ReportAudience(await charterStore.GetAsync(cancellationToken), origin.GeneratedAt);
        if (await insights.RecommendWithPowerMapAsync(opportunityId, audience, PathsPerTarget, cancellationToken)
            is not var (recommendations, powerMap, planShows)) return null;
        var previous = await store.PreviousAsync(opportunityId, origin.Id, cancellationToken);
        var wentStale = await store.WentStaleAsync(opportunityId, audience, previous?.Report.GeneratedAt, cancellationToken);
        // The account section and the picture are seen by the same audience, at the same moment.
        var account = (await accounts.ComputeAsync(powerMap.Opportunity.OrganizationId, audience, AccountCoverage.Part.Everything, cancellationToken)).Answer?.Answer;
        var hierarchy = await PictureAnswers.PowerMapHierarchyAsync(graph, opportunityId, cancellationToken);
        var picture = new ReportPicture(hierarchy?.AccountName ?? account?.OrganizationName ?? powerMap.Opportunity.OrganizationId, powerMap.Lines,
            hierarchy?.People ?? []);
        var peopleChanges = await store.PeopleChangesAsync(powerMap.Opportunity.OrganizationId, audience,
            previous?.Report.GeneratedAt ?? origin.GeneratedAt - FirstPeopleChangesWindow, origin.GeneratedAt, cancellationToken);
        var report = ReportBuilder.Build(origin, recommendations, powerMap, wentStale, previous?.Report, options.Value.CoverageChangeThreshold,
            account, picture, previous?.CoverageWithheld, peopleChanges);
        return await store.SaveAsync(report, ReportBuilder.ShownRelationships(report, planShows), webhookUrl, cancellationToken);
    }
}
