using System.ComponentModel.DataAnnotations;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// The tunables behind recommendations, paths and power maps, bound from the <c>Insights</c> configuration section.
/// Every score built from them is a ranking in [0, 1], not a probability.
/// </summary>
public sealed class InsightOptions
{
    public const string Section = "Insights";

    /// <summary>
    /// How much each buying role weighs in a target's priority at each stage of the opportunity; a member with several
    /// roles takes the highest at that stage. The people who matter change as a deal moves (the defaults and why: docs/scoring.md).
    /// </summary>
    [Required]
    public StageRoleWeights StageRoleWeights { get; set; } = new();

    /// <summary>
    /// A member is in a stage's orchestration plan when their weightiest role weighs at least this at that stage; the
    /// others are kept warm, not engaged.
    /// </summary>
    [Range(0, 1)]
    public double StageFocusWeight { get; set; } = 0.5;

    /// <summary>
    /// The most engagements the orchestration gives one of our people across all open deals: the targets of a stage's
    /// plan here plus one for each other open opportunity on whose pursuit team they are.
    /// </summary>
    [Range(1, 1000)]
    public int OpenDealsLoadCap { get; set; } = 8;

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

    /// <summary>The person's standing in the network of formal and informal lines (a PageRank-like measure).</summary>
    [Range(0, 1)] public double Network { get; set; } = 0.3;
}

/// <summary>The role weights of one stage, in [0, 1].</summary>
public sealed class RoleWeights
{
    [Range(0, 1)] public double Approver { get; set; }
    [Range(0, 1)] public double Decider { get; set; }
    [Range(0, 1)] public double Influencer { get; set; }
    [Range(0, 1)] public double Gatekeeper { get; set; }
    [Range(0, 1)] public double Buyer { get; set; }
    [Range(0, 1)] public double User { get; set; }

    public double Of(BuyingRole role) => role switch
    {
        BuyingRole.Approver => Approver,
        BuyingRole.Decider => Decider,
        BuyingRole.Influencer => Influencer,
        BuyingRole.Gatekeeper => Gatekeeper,
        BuyingRole.Buyer => Buyer,
        _ => User,
    };

    public IEnumerable<double> All => [Approver, Decider, Influencer, Gatekeeper, Buyer, User];
}

/// <summary>
/// Role weights by opportunity stage. Early on someone has to find out whether there is mutual interest: the users (the
/// initiator of the need among them), influencers and gatekeepers weigh most. From the proposal on the Decider and the
/// Approver must be won, and in negotiation the Buyer negotiates and signs. After a win the users' adoption and the
/// Decider's sponsorship carry the account; after a loss the Decider and the experts are who to stay close to.
/// </summary>
public sealed class StageRoleWeights
{
    [Required]
    public RoleWeights Prospecting { get; set; } = new()
        { Approver = 0.4, Decider = 0.6, Influencer = 0.9, Gatekeeper = 0.8, Buyer = 0.3, User = 1.0 };

    [Required]
    public RoleWeights Qualification { get; set; } = new()
        { Approver = 0.5, Decider = 0.7, Influencer = 0.9, Gatekeeper = 0.8, Buyer = 0.3, User = 1.0 };

    [Required]
    public RoleWeights Proposal { get; set; } = new()
        { Approver = 1.0, Decider = 1.0, Influencer = 0.7, Gatekeeper = 0.6, Buyer = 0.8, User = 0.4 };

    [Required]
    public RoleWeights Negotiation { get; set; } = new()
        { Approver = 1.0, Decider = 1.0, Influencer = 0.4, Gatekeeper = 0.3, Buyer = 1.0, User = 0.3 };

    [Required]
    public RoleWeights ClosedWon { get; set; } = new()
        { Approver = 0.6, Decider = 0.8, Influencer = 0.6, Gatekeeper = 0.3, Buyer = 0.4, User = 1.0 };

    [Required]
    public RoleWeights ClosedLost { get; set; } = new()
        { Approver = 0.5, Decider = 0.8, Influencer = 0.7, Gatekeeper = 0.3, Buyer = 0.3, User = 0.6 };

    public RoleWeights At(OpportunityStage stage) => stage switch
    {
        OpportunityStage.Prospecting => Prospecting,
        OpportunityStage.Qualification => Qualification,
        OpportunityStage.Proposal => Proposal,
        OpportunityStage.Negotiation => Negotiation,
        OpportunityStage.ClosedWon => ClosedWon,
        _ => ClosedLost,
    };

    public IEnumerable<RoleWeights> All => [Prospecting, Qualification, Proposal, Negotiation, ClosedWon, ClosedLost];
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
