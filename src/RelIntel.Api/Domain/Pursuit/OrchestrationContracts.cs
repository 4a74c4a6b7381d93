using RelIntel.Api.Charter;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// Our sales process matched to their buying process: a plan for the opportunity's current stage and the next ones (who
/// of ours engages whom of theirs, through whom), what changes from one stage to the next, the few conversations to
/// have now, and what our people carry on other open deals.
/// </summary>
public sealed record OrchestrationResponse(
    OpportunitySummary Opportunity,
    IReadOnlyList<StagePlan> Stages,
    IReadOnlyList<StageTransition> Transitions,
    IReadOnlyList<NextConversation> NextConversations,
    IReadOnlyList<OurLoad> Load,
    string ScoreNote);

/// <summary>
/// One stage's plan: every buying-center member (who may be reached) weighed at this stage, whether they are engaged,
/// and the plan's entries, explained as the engagement plan explains them.
/// </summary>
/// <param name="Stage">The stage this plan is for.</param>
/// <param name="Current">Whether this is the opportunity's stage now.</param>
/// <param name="Focus">Which roles this stage engages: those weighing at least the focus weight.</param>
/// <param name="Targets">Every member, by priority at this stage, with their status in the plan and why.</param>
/// <param name="Plan">Who of ours engages whom, in the targets' order.</param>
public sealed record StagePlan(OpportunityStage Stage, bool Current, string Focus, IReadOnlyList<StageTarget> Targets, IReadOnlyList<PlanEntry> Plan);

/// <summary>Where a member stands in a stage's plan.</summary>
public enum StageTargetStatus
{
    /// <summary>In this stage's focus, and one of ours engages them (see <c>engagedBy</c>).</summary>
    Engaged,

    /// <summary>In focus, but every one of ours with a route to them is at the load cap (here or across open deals).</summary>
    NoRoom,

    /// <summary>In focus, but none of ours has a route to them.</summary>
    NoRoute,

    /// <summary>Their roles weigh less than the focus weight at this stage: kept warm, not engaged.</summary>
    KeptWarm,
}

/// <summary>A buying-center member at one stage: their priority there (factor by factor) and why they are engaged or not.</summary>
public sealed record StageTarget(
    PersonSummary Person,
    IReadOnlyList<BuyingRole> Roles,
    double Priority,
    PriorityFactors PriorityFactors,
    StageTargetStatus Status,
    PersonRef? EngagedBy,
    string Reason);

/// <summary>What changes from one stage's plan to the next's.</summary>
public sealed record StageTransition(OpportunityStage From, OpportunityStage To, IReadOnlyList<StageChange> Changes, string Summary);

public enum StageChangeKind
{
    /// <summary>Engaged at the later stage, not at the earlier one (<c>after</c> engages them).</summary>
    Starts,

    /// <summary>Engaged at both, by another of ours: <c>before</c> hands over to <c>after</c>.</summary>
    HandsOver,

    /// <summary>Engaged at the earlier stage, not at the later one (<c>before</c> steps back).</summary>
    StepsBack,
}

/// <summary>One member whose engagement changes between two stages, and why.</summary>
public sealed record StageChange(StageChangeKind Kind, PersonRef TheirPerson, PersonRef? Before, PersonRef? After, string Reason);

/// <summary>Why a conversation is one to have now.</summary>
public enum NextConversationKind
{
    /// <summary>A member in the current stage's focus whom none of ours reaches directly (or at all: then ask the coach).</summary>
    UncoveredPriorityTarget,

    /// <summary>A relationship of ours to a key player that went stale.</summary>
    StaleRelationship,

    /// <summary>An influential member who opposes us or favors a competitor.</summary>
    InfluentialOpponent,

    /// <summary>A coach to brief on who matters next.</summary>
    CoachToBrief,
}

/// <summary>What a conversation closes.</summary>
public enum ConversationGapCode
{
    /// <summary>We reach the member only through others.</summary>
    NoDirectContact,

    /// <summary>None of ours has a route to the member.</summary>
    UncoveredTarget,

    /// <summary>Our relationship to the member has not been refreshed.</summary>
    StaleCoverage,

    /// <summary>An influential opponent's objections are not yet heard.</summary>
    OpponentUnaddressed,

    /// <summary>The coach does not yet know who matters next.</summary>
    CoachNotBriefed,
}

/// <summary>The gap a conversation closes, about <c>personId</c>.</summary>
public sealed record ConversationGap(ConversationGapCode Code, string Message, string PersonId);

/// <summary>
/// <c>urgency = reasonWeight × priority</c>: the weight of the conversation's kind times the priority, at
/// <c>stage</c>, of the member it is about.
/// </summary>
public sealed record UrgencyFactors(double ReasonWeight, double Priority, OpportunityStage Stage);

/// <summary>
/// A conversation to have now: one of ours talks to one of theirs (through <c>via</c>, the people in between, as in the
/// plan), for the member <c>about</c> names when it is someone else.
/// </summary>
public sealed record NextConversation(
    int Rank,
    NextConversationKind Kind,
    PersonRef OurPerson,
    PersonRef TheirPerson,
    IReadOnlyList<string> Via,
    PersonRef? About,
    double Urgency,
    UrgencyFactors UrgencyFactors,
    string Reason,
    ConversationGap Closes);

/// <summary>
/// One of ours who could engage someone in this deal, and what they carry elsewhere: the other open opportunities on
/// whose pursuit team they are (each one engagement against the cap across open deals), and so how many targets a stage
/// plan here may give them.
/// </summary>
public sealed record OurLoad(PersonRef Person, bool OnTeam, int OtherOpenDeals, IReadOnlyList<string> OtherOpportunityIds, int Room,
    string Explanation);
