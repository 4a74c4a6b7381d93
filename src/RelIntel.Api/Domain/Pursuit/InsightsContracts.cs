using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>A customer person as the answers show them.</summary>
public sealed record PersonSummary(string Id, string Name, string? Title);

/// <summary>What carries a message along one hop of a warm path.</summary>
public enum HopType
{
    /// <summary><c>from</c> reports to <c>to</c> (solid or dotted line, see <c>kind</c>).</summary>
    ReportsTo,

    /// <summary><c>from</c> is <c>to</c>'s manager (solid or dotted line, see <c>kind</c>).</summary>
    ManagerOf,

    /// <summary>One of ours knows one of theirs: the relationship's strength is the trust.</summary>
    Knows,

    /// <summary>A relationship the caller may not see: ask its owner for an introduction (fixed trust, no details).</summary>
    Introduction,

    /// <summary><c>from</c>'s view weighs with <c>to</c>: the line's strength is the trust.</summary>
    Influences,

    /// <summary>Mutual sympathy.</summary>
    Sympathy,
}

/// <summary>One step of a warm path and the trust it carries, with where that trust comes from.</summary>
public sealed record PathHop(PersonRef From, PersonRef To, HopType Type, string? Kind, double Trust, string Basis);

/// <summary>A rivalry or antipathy touching a path's people: never crossed, but worth knowing.</summary>
public sealed record PathRisk(string Code, string PersonId, string OtherPersonId, string Message);

/// <summary>
/// A warm path from one of our people to a customer person. <c>score = trustProduct × hopPenalty^(hops − 1)</c>:
/// a ranking in [0, 1], not a probability.
/// </summary>
public sealed record WarmPath(
    double Score,
    double TrustProduct,
    int HopCount,
    double HopPenaltyFactor,
    IReadOnlyList<PathHop> Hops,
    string Explanation,
    IReadOnlyList<PathRisk> Risks) : IHasExample<WarmPath>
{
    public static WarmPath Example => new(0.5184, 0.64, 3, 0.81,
        [
            new PathHop(new PersonRef("p-alex", "Alex Moreno"), new PersonRef("p-sam", "Sam Ortiz"), HopType.ManagerOf, "solid", 0.9,
                "our solid reporting line (fixed trust)"),
            new PathHop(new PersonRef("p-sam", "Sam Ortiz"), new PersonRef("p-lee", "Lee Park"), HopType.Knows, null, 0.8,
                "declared strength 0.8"),
            new PathHop(new PersonRef("p-lee", "Lee Park"), new PersonRef("p-dana", "Dana Whitfield"), HopType.ReportsTo, "solid", 0.8,
                "their solid reporting line (fixed trust)"),
        ],
        "Alex Moreno asks Sam Ortiz (their report), who knows Lee Park (strength 0.8), whose manager is Dana Whitfield.",
        []);
}

/// <summary>
/// Why a buying-center member ranks where they do: <c>priority = roleWeight × influence/5 × attitudeWeight</c>, with the
/// role weights of <c>stage</c> (the opportunity's, or the stage an orchestration plan is for).
/// </summary>
public sealed record PriorityFactors(BuyingRole WeightiestRole, double RoleWeight, int Influence, double InfluenceFactor, double AttitudeWeight,
    OpportunityStage Stage);

/// <summary>A buying-center member to reach, and the best ways to reach them.</summary>
public sealed record TargetRecommendation(
    PersonSummary Person,
    IReadOnlyList<BuyingRole> Roles,
    Attitude Attitude,
    bool Coach,
    double Priority,
    PriorityFactors PriorityFactors,
    double Coverage,
    IReadOnlyList<WarmPath> Paths);

/// <summary>One of ours should approach one of theirs: the engagement plan's entries.</summary>
public sealed record PlanEntry(PersonRef OurPerson, PersonRef TheirPerson, double Score, IReadOnlyList<string> Via, string Reason);

/// <summary>Stable codes for what is missing or risky in a pursuit.</summary>
public enum GapCode
{
    NoDecider,
    NoApprover,
    NoCoach,
    SingleThreaded,
    UncoveredTarget,
    InfluentialOpponentUncovered,
    StaleCoverage,
    CompetitorSupporter,
    MemberLeft,
}

public sealed record Gap(GapCode Code, string Message, string? PersonId = null);

/// <summary>Whom to reach in one opportunity, through whom, and who of ours should do it.</summary>
public sealed record RecommendationsResponse(
    string OpportunityId,
    IReadOnlyList<TargetRecommendation> Targets,
    IReadOnlyList<PlanEntry> Plan,
    IReadOnlyList<Gap> Gaps,
    string ScoreNote,
    QualificationBlock? Qualification = null);

/// <summary>The warm paths between two people.</summary>
public sealed record PathsResponse(PersonRef From, PersonRef To, int MaxHops, IReadOnlyList<WarmPath> Paths, string ScoreNote);

/// <summary>red: no supportive key player; amber: supportive key players; green: a supportive Decider or Approver we cover.</summary>
public enum PowerMapStatus
{
    Red,
    Amber,
    Green,
}

public sealed record OpportunitySummary(string Id, string Name, string OrganizationId, OpportunityStage Stage);

/// <summary>A member of the power map; members come by priority at the opportunity's stage (see <c>priorityFactors.stage</c>).</summary>
public sealed record PowerMapMember(
    PersonSummary Person,
    IReadOnlyList<BuyingRole> Roles,
    Attitude Attitude,
    int Influence,
    bool Coach,
    string? FavorsCompetitorId,
    double Coverage,
    WarmPath? BestPath)
{
    /// <summary>The member's priority at the opportunity's stage, as in the recommendations.</summary>
    public double Priority { get; init; }

    /// <summary>Why they have it, with the stage whose role weights applied (always given in answers).</summary>
    public PriorityFactors? PriorityFactors { get; init; }
}

/// <summary>A line among buying-center members: a reporting line (kind), an influence (strength) or rapport (sentiment).</summary>
public sealed record PowerMapLine(string FromId, string ToId, string Type, string? Kind, double? Strength, string? Sentiment);

public sealed record PowerMapResponse(
    OpportunitySummary Opportunity,
    PowerMapStatus Status,
    string StatusReason,
    IReadOnlyList<PowerMapMember> Members,
    IReadOnlyList<PowerMapLine> Lines,
    IReadOnlyList<Gap> Gaps,
    QualificationBlock? Qualification = null);

/// <summary>
/// Why a person ranks as influential in their organization:
/// <c>influence = levelWeight × levelScore + spanWeight × spanScore + networkWeight × networkScore</c>. <c>networkRank</c>
/// is the person's PageRank-like share of standing in the network of solid, dotted and influence lines among the
/// organization's people who may be reached; <c>networkScore</c> is it scaled to the organization's highest.
/// </summary>
public sealed record InfluenceFactors(
    int Level,
    double LevelScore,
    long ReportsBelow,
    double SpanScore,
    double NetworkRank,
    double NetworkScore,
    double LevelWeight,
    double SpanWeight,
    double NetworkWeight);

public sealed record Influencer(PersonSummary Person, double Influence, InfluenceFactors Factors);

/// <summary>
/// The account's derived facts an answer was read from: computed at the account's chart version <c>version</c> at
/// <c>computedAt</c>; <c>current</c> is false while a refresh of a large account after a change is still under way
/// (people marked do-not-contact or gone since are left out all the same).
/// </summary>
public sealed record FactsAsOf(long Version, DateTimeOffset ComputedAt, bool Current);

public sealed record InfluencersResponse(string OrganizationId, IReadOnlyList<Influencer> Influencers, FactsAsOf Facts, string ScoreNote);
