using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Features.Insights;

/// <summary>
/// The tunables behind recommendations, paths and power maps, bound from the <c>Insights</c> configuration section.
/// Every score built from them is a ranking in [0, 1], not a probability.
/// </summary>
public sealed class InsightOptions
{
    public const string Section = "Insights";

    /// <summary>How much each buying role weighs in a target's priority; a member with several roles takes the highest.</summary>
    [Required]
    public RoleWeights RoleWeights { get; set; } = new();

    /// <summary>How much each attitude weighs in a target's priority: an influential opponent is a priority, not to be avoided.</summary>
    [Required]
    public AttitudeWeights AttitudeWeights { get; set; } = new();

    /// <summary>The trust each kind of hop carries; relationships and influence lines carry their own strength.</summary>
    [Required]
    public EdgeTrusts EdgeTrust { get; set; } = new();

    /// <summary>Each hop after the first multiplies a path's score by this.</summary>
    [Range(0.01, 1)]
    public double HopPenalty { get; set; } = 0.9;

    /// <summary>A stale relationship's strength is multiplied by this.</summary>
    [Range(0, 1)]
    public double StaleFactor { get; set; } = 0.5;

    /// <summary>The most targets the engagement plan gives any one of our people.</summary>
    [Range(1, 100)]
    public int LoadCap { get; set; } = 3;

    /// <summary>Weights of hierarchy level, span of control and informal influence in the influencer ranking.</summary>
    [Required]
    public InfluencerWeights InfluencerWeights { get; set; } = new();

    /// <summary>
    /// In the engagement plan, a route counts as usable when it scores at least this share of the best route to the
    /// target; among usable routes the pursuit team comes first.
    /// </summary>
    [Range(0, 1)]
    public double PlanUsableRouteShare { get; set; } = 0.5;

    /// <summary>A buying-center member with at least this influence (1–5) is a key player; an uncovered opponent so influential is a gap.</summary>
    [Range(1, 5)]
    public int KeyInfluence { get; set; } = 4;
}

/// <summary>How the three factors of a person's influence in their organization add up (they should sum to 1).</summary>
public sealed class InfluencerWeights
{
    [Range(0, 1)] public double Level { get; set; } = 0.35;
    [Range(0, 1)] public double Span { get; set; } = 0.35;
    [Range(0, 1)] public double Informal { get; set; } = 0.3;
}

public sealed class RoleWeights
{
    [Range(0, 1)] public double Approver { get; set; } = 1.0;
    [Range(0, 1)] public double Decider { get; set; } = 1.0;
    [Range(0, 1)] public double Influencer { get; set; } = 0.7;
    [Range(0, 1)] public double Gatekeeper { get; set; } = 0.6;
    [Range(0, 1)] public double Buyer { get; set; } = 0.6;
    [Range(0, 1)] public double User { get; set; } = 0.4;
}

public sealed class AttitudeWeights
{
    [Range(0, 1)] public double Champion { get; set; } = 0.8;
    [Range(0, 1)] public double Supporter { get; set; } = 0.8;
    [Range(0, 1)] public double Neutral { get; set; } = 0.9;
    [Range(0, 1)] public double Skeptic { get; set; } = 1.0;
    [Range(0, 1)] public double Opponent { get; set; } = 1.0;
}

public sealed class EdgeTrusts
{
    /// <summary>A solid reporting line between two of our people.</summary>
    [Range(0.01, 1)] public double OwnSolid { get; set; } = 0.9;

    /// <summary>A dotted reporting line between two of our people.</summary>
    [Range(0.01, 1)] public double OwnDotted { get; set; } = 0.7;

    /// <summary>A solid reporting line on the customer side.</summary>
    [Range(0.01, 1)] public double Solid { get; set; } = 0.8;

    /// <summary>A dotted reporting line on the customer side.</summary>
    [Range(0.01, 1)] public double Dotted { get; set; } = 0.6;

    /// <summary>Mutual sympathy on the customer side.</summary>
    [Range(0.01, 1)] public double Sympathy { get; set; } = 0.6;

    /// <summary>A relationship the caller may not see, used as "ask its owner for an introduction": never its hidden strength.</summary>
    [Range(0.01, 1)] public double Introduction { get; set; } = 0.4;
}
