using System.Text.Json.Serialization;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>A relationship of ours to one of theirs that the caller may see: its strength now, and whether it went stale.</summary>
public sealed record RelationshipSeen(PersonRef OurPerson, PersonRef TheirPerson, double Strength, bool Stale);

/// <summary>
/// A relationship the caller may not see, used the only way the charter allows: ask <c>owner</c>, who knows
/// <c>theirPerson</c>, for an introduction. Nothing else about it is shown.
/// </summary>
public sealed record IntroductionRoute(PersonRef Owner, PersonRef TheirPerson);

/// <summary>
/// How our side reaches one of their people directly, as the caller may see it: the score a one-hop warm path would
/// have. Either a relationship the caller sees (<c>score</c> = its strength, × <c>Insights:StaleFactor</c> when stale)
/// or, failing a better one, an introduction through one it may not see but that is worth at least the introduction trust
/// (<c>score</c> = <c>Insights:EdgeTrust:Introduction</c>, never its strength).
/// A ranking score in [0, 1], not a probability.
/// </summary>
public sealed record Reach(double Score, RelationshipSeen? Relationship, IntroductionRoute? Introduction)
{
    /// <summary>The one of ours who holds it.</summary>
    [JsonIgnore]
    public PersonRef HeldBy => Relationship?.OurPerson ?? Introduction!.Owner;

    /// <summary>The relationship it shows (in detail or as an introduction), as the audit names it.</summary>
    [JsonIgnore]
    public RelationshipKey Key => Relationship is { } r ? new(r.OurPerson.Id, r.TheirPerson.Id) : new(Introduction!.Owner.Id, Introduction.TheirPerson.Id);
}

/// <summary>How many people of one seniority a group has, and how many of them one of ours reaches directly.</summary>
public sealed record SeniorityCount(Seniority? Seniority, int People, int Known);

/// <summary>
/// One department, or one division (a VP and everyone below them along solid lines, up to the next VP), and how we
/// cover it: people by seniority and how many of them one of ours reaches directly (<c>known</c>; <c>knownByIntroductionOnly</c>
/// of them only through an introduction), the best reach into it and who of ours holds it, every one of ours who reaches
/// someone in it (<c>ourPeople</c>; <c>singleThreaded</c> when that is one person), the senior people (executives, VPs,
/// directors) with no warm path at all, and the people whose best reach is a stale relationship. Each of the three lists
/// is a part (the first few in the whole account's answer, one page in a drill-down); its <c>…Count</c> says how many in all.
/// </summary>
public sealed record CoverageGroup(
    string Name,
    PersonSummary? Head,
    int People,
    IReadOnlyList<SeniorityCount> BySeniority,
    int Known,
    int KnownByIntroductionOnly,
    Reach? Best,
    IReadOnlyList<PersonRef> OurPeople,
    bool SingleThreaded,
    IReadOnlyList<PersonSummary> SeniorWithoutRoute,
    IReadOnlyList<RelationshipSeen> StaleCoverage,
    int OurPeopleCount,
    int SeniorWithoutRouteCount,
    int StaleCoverageCount);

/// <summary>
/// Which part of the coverage an answer holds: the whole account (every department, one page of the divisions, each
/// group's lists cut to their first <c>listLimit</c>), or one group (<c>department</c> or <c>divisionId</c>) with one page of
/// each of its lists. <c>divisions</c> counts the account's divisions.
/// </summary>
public sealed record CoverageView(string? Department, string? DivisionId, int Page, int PageSize, int Divisions, int? ListLimit);

/// <summary>One factor of the coverage score: its value in [0, 1], its weight, what it adds, and how it was counted.</summary>
public sealed record CoverageFactor(string Name, double Value, double Weight, double Contribution, string Basis);

/// <summary>The account's coverage score: Σ weight × factor value, in [0, 1]. A ranking score, not a probability.</summary>
public sealed record CoverageScore(double Value, IReadOnlyList<CoverageFactor> Factors, string Explanation);

/// <summary>
/// How well we cover a whole account, beyond any one deal: per department and per division, and an overall score
/// explained factor by factor. Only people who may be reached are counted (never a do-not-contact person).
/// </summary>
public sealed record AccountCoverageResponse(
    string OrganizationId,
    string OrganizationName,
    DateTimeOffset AsOf,
    int People,
    int Known,
    int SeniorPeople,
    int SeniorWithRoute,
    IReadOnlyList<CoverageGroup> Departments,
    IReadOnlyList<CoverageGroup> Divisions,
    CoverageScore Score,
    string ScoreNote,
    CoverageView? View = null);
