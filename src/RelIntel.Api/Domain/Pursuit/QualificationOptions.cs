using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>When a pursuit counts as ready (go), bound from the <c>Qualification</c> configuration section.</summary>
public sealed class QualificationOptions
{
    public const string Section = "Qualification";

    /// <summary>The readiness score from which a pursuit may be a go.</summary>
    [Range(0, 1)]
    public double GoThreshold { get; set; } = 0.75;

    /// <summary>Every BANT element must score at least this for a go: one weak element is not made up by the others.</summary>
    [Range(0, 1)]
    public double MinElementScore { get; set; } = 0.5;
}
