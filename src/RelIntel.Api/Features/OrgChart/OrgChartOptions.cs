using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Features.OrgChart;

/// <summary>The tunables of org-chart imports, bound from the <c>OrgChart</c> configuration section.</summary>
public sealed class OrgChartOptions
{
    public const string Section = "OrgChart";

    /// <summary>People a replace may make leave without <c>confirmLeavers</c> however large the share.</summary>
    public const int LeaversAlwaysAllowed = 5;

    /// <summary>
    /// The share of an organization's current people a <c>replace</c> may make leave without <c>confirmLeavers</c>: a
    /// larger share (of more than <see cref="LeaversAlwaysAllowed"/> people) looks like a partial export, not departures.
    /// </summary>
    [Range(0, 1)] public double MaxLeaverShare { get; set; } = 0.2;
}

public static class OrgChartSetup
{
    public static IServiceCollection AddOrgChart(this IServiceCollection services)
    {
        services.AddOptions<OrgChartOptions>().BindConfiguration(OrgChartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
