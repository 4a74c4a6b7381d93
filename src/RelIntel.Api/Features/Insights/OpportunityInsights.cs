using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Insights;

/// <summary>Recommendations and power maps for one opportunity, as the given viewer may see them.</summary>
public sealed class OpportunityInsights
{
    /// <summary>The recommendations, or null when the opportunity does not exist.</summary>
    public Task<RecommendationsResponse?> RecommendAsync(string opportunityId, Viewer viewer, int pathsPerTarget, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    /// <summary>The power map, or null when the opportunity does not exist.</summary>
    public Task<PowerMapResponse?> PowerMapAsync(string opportunityId, Viewer viewer, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
