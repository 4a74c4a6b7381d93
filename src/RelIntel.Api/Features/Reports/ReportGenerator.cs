using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using RelIntel.Api.Features.Insights;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Reports;

/// <summary>Makes and stores reports from the opportunity insights, as the company-wide audience sees them.</summary>
public sealed class ReportGenerator(
    OpportunityInsights insights,
    ReportStore store,
    IOptions<ReportOptions> options,
    CharterStore charterStore)
{
    /// <summary>How many warm paths per target the recommendations behind a report consider.</summary>
    public const int PathsPerTarget = 3;

    /// <summary>
    /// Who stored reports are written for: every seller. They see company-visible relationships in detail and hidden ones
    /// only as introduction routes where the charter allows them, so a stored report never leaks a private or team
    /// relationship. The one place this audience is defined.
    /// </summary>
    public static Viewer Audience(CharterOptions charter) => Viewer.CompanyOnly(charter.IntroductionsAllowed);

    /// <summary>A new id for a report made on request.</summary>
    public static string NewId() => $"rep-{Guid.NewGuid():N}";

    /// <summary>The id of the report a schedule's slot makes for one opportunity: the same for every instance that tries.</summary>
    public static string ScheduledId(string scheduleId, DateTimeOffset slot, string opportunityId)
    {
        var key = $"{scheduleId}\n{slot.UtcDateTime:O}\n{opportunityId}";
        return "rep-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    /// <summary>Generates and stores one report; null when the opportunity does not exist. Created is false when a report with
    /// that id was stored already (a scheduled slot taken over from another instance).</summary>
    public async Task<(ReportResponse Report, bool Created)?> GenerateAsync(string opportunityId, ReportBuilder.Origin origin,
        CancellationToken cancellationToken)
    {
        var charter = await charterStore.GetAsync(cancellationToken);
        var audience = Audience(charter);
        if (await insights.RecommendWithPowerMapAsync(opportunityId, audience, PathsPerTarget, cancellationToken)
            is not var (recommendations, powerMap)) return null;
        var previous = await store.PreviousAsync(opportunityId, origin.Id, cancellationToken);
        var wentStale = await store.WentStaleAsync(opportunityId, audience, previous?.GeneratedAt, origin.GeneratedAt,
            charter.StaleAfterDays, cancellationToken);
        var report = ReportBuilder.Build(origin, recommendations, powerMap, wentStale, previous, options.Value.CoverageChangeThreshold);
        return await store.SaveAsync(report, cancellationToken);
    }
}
