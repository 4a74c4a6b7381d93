using RelIntel.Api.Charter;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using static RelIntel.Api.Domain.Pursuit.StagePlanner;
using Route = RelIntel.Api.Domain.Pursuit.Route;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// The few conversations to have now, from the current stage's plan: each names who of ours talks to whom of theirs
/// (through whom), why now, and the gap it closes. Ranked by <c>urgency = reason weight × priority</c> of the member it is
/// about; one conversation per pair of people (the most urgent reason). Pure.
/// </summary>
public static class NextConversations
{
    /// <summary>A relationship the viewer sees in detail that went stale, to a member of the buying center.</summary>
    public sealed record StaleRelationship(PersonRef OurPerson, PersonRef TheirPerson, DateTimeOffset? LastInteractionAt, DateTimeOffset StaleSince);

    /// <summary>A conversation and the route behind it (whose relationship the answer shows, so the audit records it).</summary>
    public sealed record Found(NextConversation Answer, WarmPath? Route);

    /// <summary>
    /// How much each reason weighs: a priority target we do not reach directly and an influential opponent come first; a
    /// stale relationship is a key player we used to reach; a coach to brief helps with someone else.
    /// </summary>
    public static double ReasonWeight(NextConversationKind kind) => kind switch
    {
        NextConversationKind.UncoveredPriorityTarget => 1.0,
        NextConversationKind.InfluentialOpponent => 1.0,
        NextConversationKind.StaleRelationship => 0.9,
        _ => 0.8,
    };

    public static IReadOnlyList<Found> Rank(IReadOnlyList<Planned> plans, IReadOnlyList<StaleRelationship> stale, InsightOptions options,
        int max)
    {
        var situation = new Situation(plans[0], plans.Count > 1 ? plans[1] : null, options);
        var found = situation.Current.Members.SelectMany(member => ForMember(situation, member))
            .Concat(StaleRelationships(situation, stale))
            .Concat(CoachBriefings(situation))
            .ToList();
        return OnePerPair(found, max);
    }

    /// <summary>The current stage's plan, the next one's (null at the last stage) and the weights the reasons use.</summary>
    private sealed record Situation(Planned Current, Planned? Next, InsightOptions Options)
    {
        /// <summary>Coaches some of ours can reach.</summary>
        public IReadOnlyList<Weighed> Coaches { get; } =
            Current.Members.Where(m => m.Member.Coach && m.Member.Routes.BestPerStart.Count > 0).ToList();

        /// <summary>The route a conversation with a member takes: the current plan's, else the best of one of ours with room, else the best.</summary>
        public Route? RouteTo(Weighed member) =>
            Current.ByTarget.GetValueOrDefault(member.Id)?.Route
            ?? member.Member.Routes.BestPerStart.FirstOrDefault(r => Current.HasRoom(r.Start.Id))
            ?? member.Member.Routes.BestPerStart.FirstOrDefault();
    }

    /// <summary>Who of ours speaks, through whom, along which path (whose relationships the answer shows).</summary>
    private sealed record Speaker(PersonRef Ours, IReadOnlyList<string> Via, WarmPath? Path)
    {
        public static Speaker Along(Route route) => new(route.Start, route.Via, route.Path);
    }

    /// <summary>Whom a conversation is with, whom it is about, and whose priority (at which stage) sets its urgency.</summary>
    private sealed record Subject(Weighed With, Weighed About, Weighed AboutAt)
    {
        public static Subject Member(Weighed member) => new(member, member, member);
    }

    private static Found Talk(NextConversationKind kind, Speaker speaker, Subject subject, string reason, ConversationGapCode code, string gap)
    {
        var (with, about, aboutAt) = subject;
        var weight = ReasonWeight(kind);
        return new Found(new NextConversation(0, kind, speaker.Ours, new PersonRef(with.Id, with.Name), speaker.Via,
            about.Id == with.Id ? null : new PersonRef(about.Id, about.Name), WarmPaths.Round(weight * aboutAt.Priority),
            new UrgencyFactors(weight, aboutAt.Priority, aboutAt.Factors.Stage), reason,
            new ConversationGap(code, gap, about.Id)), speaker.Path);
    }

    /// <summary>What one member of the current plan calls for: reaching them, and hearing them out when they are against us.</summary>
    private static IEnumerable<Found> ForMember(Situation situation, Weighed member)
    {
        var role = $"{member.Factors.WeightiestRole.Word()}, priority {Number(member.Priority)} at {situation.Current.Stage.Word()}";
        if ((UncoveredPriorityTarget(situation, member, role) ?? AwaitedIntroduction(situation, member, role)) is { } uncovered)
            yield return uncovered;
        if (InfluentialOpponent(situation, member, role) is { } opponent) yield return opponent;
    }

    /// <summary>
    /// A member in this stage's focus whose route crosses by an introduction the viewer asked for and still waits on (an
    /// introduction hop counts as direct, so <see cref="UncoveredPriorityTarget"/> says nothing): follow up with the introducer.
    /// </summary>
    private static Found? AwaitedIntroduction(Situation situation, Weighed member, string role)
    {
        if (!member.InFocus || situation.RouteTo(member) is not { Waiting: { } waiting } route) return null;
        var introducer = route.Path.Hops.First(h => h.Type == HopType.Introduction).From;
        return Talk(NextConversationKind.UncoveredPriorityTarget, Speaker.Along(route), Subject.Member(member),
            $"{member.Name} ({role}) matters now and is reached through the introduction you asked {introducer.Name} for, " +
            $"{waiting}: follow up with {introducer.Name}.",
            ConversationGapCode.NoDirectContact, $"{member.Name} is reached only through an introduction not yet answered.");
    }

    /// <summary>A priority target of this stage that none of ours reaches directly, or at all (then ask a coach).</summary>
    private static Found? UncoveredPriorityTarget(Situation situation, Weighed member, string role)
    {
        if (!member.InFocus || KnownDirectly(member.Member)) return null;
        if (situation.RouteTo(member) is { } route)
        {
            var introducer = route.Path.Hops[^1].From;
            return Talk(NextConversationKind.UncoveredPriorityTarget, Speaker.Along(route), Subject.Member(member),
                $"{member.Name} ({role}) matters now and none of ours knows them directly: {route.Start.Name} reaches them " +
                $"via {string.Join(", ", route.Path.Hops.Skip(1).Select(h => h.From.Name))}; ask {introducer.Name} for an introduction" +
                (route.Waiting is { } waiting ? $" ({waiting})." : "."),
                ConversationGapCode.NoDirectContact,
                $"{member.Name} is reached only through others (coverage {Number(route.Path.Score)}).");
        }
        if (situation.Coaches.FirstOrDefault(c => c.Id != member.Id) is { } coach && situation.RouteTo(coach) is { } toCoach)
        {
            return Talk(NextConversationKind.UncoveredPriorityTarget, Speaker.Along(toCoach), new Subject(coach, member, member),
                $"{member.Name} ({role}) matters now and none of ours has a route to them: ask our coach {coach.Name} " +
                "how to reach them and who could introduce us.",
                ConversationGapCode.UncoveredTarget, $"None of ours has a route to {member.Name}.");
        }
        return null;
    }

    /// <summary>An influential member against us: hear the objections while there is time to answer them.</summary>
    private static Found? InfluentialOpponent(Situation situation, Weighed member, string role)
    {
        var against = member.Member.Attitude == Attitude.Opponent || member.Member.FavorsCompetitorId is not null;
        if (!against || member.Member.Influence < situation.Options.KeyInfluence || situation.RouteTo(member) is not { } route) return null;
        var stance = member.Member.Attitude == Attitude.Opponent
            ? "opposes us"
            : $"favors competitor '{member.Member.FavorsCompetitorId}'";
        return Talk(NextConversationKind.InfluentialOpponent, Speaker.Along(route), Subject.Member(member),
            $"{member.Name} ({role}) {stance} with influence {member.Member.Influence} of 5: {route.Start.Name} should hear " +
            $"the objections and answer them{Through(route)}.",
            ConversationGapCode.OpponentUnaddressed,
            $"{member.Name} {stance} with influence {member.Member.Influence}, and their objections are not yet answered.");
    }

    /// <summary>
    /// A stale relationship to a key player (in this stage's focus, or influential): refresh it before it is needed. One
    /// refreshed relationship restores the coverage, so the strongest (they come strongest first) is the one to refresh.
    /// </summary>
    private static IEnumerable<Found> StaleRelationships(Situation situation, IReadOnlyList<StaleRelationship> stale)
    {
        var current = situation.Current;
        foreach (var relationship in stale.DistinctBy(r => r.TheirPerson.Id))
        {
            if (current.Member(relationship.TheirPerson.Id) is not { } member) continue;
            if (!member.InFocus && member.Member.Influence < situation.Options.KeyInfluence) continue;
            var since = relationship.LastInteractionAt is { } at ? $"last interaction {at:yyyy-MM-dd}" : "no interaction recorded";
            yield return Talk(NextConversationKind.StaleRelationship, new Speaker(relationship.OurPerson, [], null), Subject.Member(member),
                $"{relationship.OurPerson.Name} knows {member.Name} ({member.Factors.WeightiestRole.Word()}, priority " +
                $"{Number(member.Priority)} at {current.Stage.Word()}), but the relationship went stale on {relationship.StaleSince:yyyy-MM-dd} " +
                $"({since}): refresh it before it is needed.",
                ConversationGapCode.StaleCoverage,
                $"{relationship.OurPerson.Name}'s relationship to {member.Name} counts at a discount while it is stale.");
        }
    }

    /// <summary>
    /// A coach to brief on who matters next: the most important member in the next stage's focus (else this one's) whom
    /// none of ours knows directly.
    /// </summary>
    private static IEnumerable<Found> CoachBriefings(Situation situation)
    {
        var current = situation.Current;
        foreach (var coach in situation.Coaches)
        {
            if (situation.RouteTo(coach) is not { } toCoach) continue;
            var ahead = situation.Next ?? current;
            var needed = ahead.Members.Where(m => m.InFocus && m.Id != coach.Id && !KnownDirectly(m.Member)).ToList();
            var about = needed.FirstOrDefault() ?? ahead.Member(coach.Id)!;
            var who = needed.Count == 0
                ? "we know everyone in its focus directly, so keep them informed"
                : $"{string.Join(", ", needed.Select(m => m.Name))} matter{(needed.Count == 1 ? "s" : "")} then and none of ours knows " +
                  "them directly";
            yield return Talk(NextConversationKind.CoachToBrief, Speaker.Along(toCoach), new Subject(coach, current.Member(about.Id)!, about),
                $"{toCoach.Start.Name} should brief {coach.Name}, our coach{Through(toCoach)}, on {ahead.Stage.Word()}: {who}.",
                ConversationGapCode.CoachNotBriefed,
                needed.Count == 0
                    ? $"{coach.Name} should hear what comes at {ahead.Stage.Word()}."
                    : $"{about.Name} matters at {ahead.Stage.Word()}, and {coach.Name} can tell us how to reach them.");
        }
    }

    /// <summary>One conversation per pair of people (the most urgent reason leads, the others are said too), ranked, the first <paramref name="max"/>.</summary>
    private static IReadOnlyList<Found> OnePerPair(IReadOnlyList<Found> found, int max) =>
        found
            .GroupBy(f => (f.Answer.OurPerson.Id, f.Answer.TheirPerson.Id))
            .Select(MostUrgentWithTheOthers)
            .OrderByDescending(f => f.Answer.Urgency)
            .ThenBy(f => f.Answer.Kind)
            .ThenBy(f => f.Answer.TheirPerson.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Answer.TheirPerson.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Answer.OurPerson.Id, StringComparer.Ordinal)
            .Take(max)
            .Select((f, i) => f with { Answer = f.Answer with { Rank = i + 1 } })
            .ToList();

    private static Found MostUrgentWithTheOthers(IEnumerable<Found> pair)
    {
        var reasons = pair.OrderByDescending(f => f.Answer.Urgency).ThenBy(f => f.Answer.Kind).ToList();
        var lead = reasons[0];
        return reasons.Count == 1
            ? lead
            : lead with { Answer = lead.Answer with { Reason = lead.Answer.Reason + " Also: " + string.Join(" ", reasons.Skip(1).Select(f => f.Answer.Reason)) } };
    }

    /// <summary>Whether one of ours knows the member: a best route of ours crosses straight to them.</summary>
    private static bool KnownDirectly(PursuitMember member) =>
        member.Routes.BestPerStart.Any(r => r.Path.Hops.Any(h => h.Type is HopType.Knows or HopType.Introduction && h.To.Id == member.Person.Id));

    private static string Through(Route route) =>
        route.Path.Hops.Count <= 1 ? "" : $" (via {string.Join(", ", route.Path.Hops.Skip(1).Select(h => h.From.Name))})";
}
