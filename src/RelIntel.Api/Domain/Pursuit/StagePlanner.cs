using System.Globalization;
using RelIntel.Api.Charter;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using Route = RelIntel.Api.Domain.Pursuit.Route;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// One stage's plan, and what changes from one stage's plan to the next. Pure: the facts are read once and weighed here.
/// </summary>
/// <remarks>
/// A stage's plan is the engagement plan (<see cref="EngagementPlan"/>: priority order, the pursuit team first among usable
/// routes, matching seniority, the load cap, earlier choices moved along so later targets are covered) over the members
/// in the stage's focus, with each of ours given only the room their other open deals leave.
/// </remarks>
public static class StagePlanner
{
    /// <summary>A member weighed at one stage.</summary>
    public sealed record Weighed(PursuitMember Member, double Priority, PriorityFactors Factors, bool InFocus)
    {
        public string Id => Member.Person.Id;
        public string Name => Member.Person.Name;
    }

    /// <summary>A stage's plan as answered, with what the transitions and the next conversations need to explain it.</summary>
    public sealed record Planned(
        StagePlan Answer,
        IReadOnlyList<Weighed> Members,
        IReadOnlyDictionary<string, EngagementPlan.Assigned> ByTarget,
        IReadOnlyDictionary<string, int> LoadHere,
        IReadOnlyDictionary<string, List<Route>> Preferences,
        EngagementPlan.OtherDeals OtherDeals,
        int LoadCap)
    {
        /// <summary>Whether the plan prefers <paramref name="one"/> of ours to <paramref name="other"/> for the target.</summary>
        public bool Prefers(string targetId, string one, string other)
        {
            var order = Preferences.GetValueOrDefault(targetId) ?? [];
            var i = order.FindIndex(r => r.Start.Id == one);
            var j = order.FindIndex(r => r.Start.Id == other);
            return i >= 0 && (j < 0 || i < j);
        }

        /// <summary>The members one of ours engages in this plan.</summary>
        public string Engages(string personId) =>
            string.Join(", ", Answer.Plan.Where(e => e.OurPerson.Id == personId).Select(e => e.TheirPerson.Name));

        public OpportunityStage Stage => Answer.Stage;

        public IEnumerable<WarmPath> Routes => Answer.Plan.Select(e => ByTarget[e.TheirPerson.Id].Route.Path);

        public Weighed? Member(string id) => Members.FirstOrDefault(m => m.Id == id);

        public int Room(string personId) => EngagementPlan.Room(personId, LoadCap, OtherDeals);

        public bool HasRoom(string personId) => LoadHere.GetValueOrDefault(personId) < Room(personId);

        /// <summary>"Ava Reyes (3 of 3 here)" or "Sol Park (1 here and 7 on other open deals, 8 of 8 across open deals)".</summary>
        public string LoadOf(PersonRef person)
        {
            var here = LoadHere.GetValueOrDefault(person.Id);
            var elsewhere = OtherDeals.Of(person.Id);
            return elsewhere == 0
                ? $"{person.Name} ({here} of {Room(person.Id)} here)"
                : $"{person.Name} ({here} here and {elsewhere} on other open deals, {here + elsewhere} of {OtherDeals.Cap} across open deals)";
        }
    }

    public static Planned Plan(PursuitFacts facts, OpportunityStage stage, bool current, EngagementPlan.OtherDeals otherDeals,
        InsightOptions options)
    {
        var weighed = facts.Members
            .Select(m =>
            {
                var (priority, factors) = StagePriority.Of(m.Roles, m.Attitude, m.Influence, stage, options);
                return new Weighed(m, priority, factors, StagePriority.InFocus(m.Roles, stage, options));
            })
            .OrderByDescending(w => w.Priority)
            .ThenBy(w => w.Name, StringComparer.Ordinal)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();

        var targets = weighed.Where(w => w.InFocus && w.Member.Routes.BestPerStart.Count > 0)
            .Select(w => new EngagementPlan.Target(
                new TargetRecommendation(w.Member.Person, w.Member.Roles, w.Member.Attitude, w.Member.Coach, w.Priority, w.Factors,
                    w.Member.Routes.Best.Count > 0 ? w.Member.Routes.Best[0].Path.Score : 0, []),
                w.Member.Seniority, w.Member.Routes.BestPerStart))
            .ToList();
        var assigned = EngagementPlan.Build(targets, facts.Team, options.LoadCap, options.PlanUsableRouteShare, otherDeals);
        var byTarget = assigned.ToDictionary(a => a.Entry.TheirPerson.Id);
        var loadHere = assigned.GroupBy(a => a.Entry.OurPerson.Id).ToDictionary(g => g.Key, g => g.Count());

        var preferences = targets.ToDictionary(t => t.Recommendation.Person.Id,
            t => EngagementPlan.Preferences(t, facts.Team, options.PlanUsableRouteShare));
        var planned = new Planned(new StagePlan(stage, current, Focus(stage, options), [], assigned.Select(a => a.Entry).ToList()),
            weighed, byTarget, loadHere, preferences, otherDeals, options.LoadCap);
        return planned with
        {
            Answer = planned.Answer with { Targets = weighed.Select(w => Target(w, planned, options)).ToList() },
        };
    }

    private static StageTarget Target(Weighed w, Planned plan, InsightOptions options)
    {
        var weighs = Weighs(w.Factors);
        var focus = Number(options.StageFocusWeight);
        var (status, engagedBy, reason) = plan.ByTarget.TryGetValue(w.Id, out var entry)
            ? (StageTargetStatus.Engaged, entry.Entry.OurPerson,
                $"{weighs}, in this stage's focus (from {focus}): {entry.Entry.OurPerson.Name} engages them.")
            : !w.InFocus
                ? (StageTargetStatus.KeptWarm, null, $"{weighs}, below this stage's focus weight {focus}: kept warm, not engaged at this stage.")
                : w.Member.Routes.BestPerStart.Count == 0
                    ? (StageTargetStatus.NoRoute, null, $"{weighs}, in this stage's focus, but none of ours has a route to them.")
                    : (StageTargetStatus.NoRoom, (PersonRef?)null,
                        $"{weighs}, in this stage's focus, but every one of ours with a route to them is at the load cap: " +
                        string.Join(", ", w.Member.Routes.BestPerStart.Select(r => plan.LoadOf(r.Start))) + ".");
        return new StageTarget(w.Member.Person, w.Member.Roles, w.Priority, w.Factors, status, engagedBy, reason);
    }

    /// <summary>Which roles a stage engages and which it keeps warm, by their weights there.</summary>
    private static string Focus(OpportunityStage stage, InsightOptions options)
    {
        var weights = options.StageRoleWeights.At(stage);
        var roles = Enum.GetValues<BuyingRole>().OrderByDescending(weights.Of).ThenBy(r => r).ToList();
        string List(IEnumerable<BuyingRole> some) => string.Join(", ", some.Select(r => $"{r.Word()} {Number(weights.Of(r))}"));
        var engaged = roles.Where(r => weights.Of(r) >= options.StageFocusWeight).ToList();
        var warm = roles.Where(r => weights.Of(r) < options.StageFocusWeight).ToList();
        return $"At {stage.Word()} the plan engages members whose weightiest role weighs at least {Number(options.StageFocusWeight)}: " +
               $"{(engaged.Count == 0 ? "none" : List(engaged))}; kept warm: {(warm.Count == 0 ? "none" : List(warm))}.";
    }

    /// <summary>What changes from <paramref name="from"/>'s plan to <paramref name="to"/>'s, member by member, in priority order at the later stage.</summary>
    public static StageTransition Transition(Planned from, Planned to, InsightOptions options)
    {
        var changes = new List<StageChange>();
        var continuing = 0;
        foreach (var after in to.Members)
        {
            var before = from.Member(after.Id)!;
            var was = from.ByTarget.GetValueOrDefault(after.Id)?.Entry;
            var now = to.ByTarget.GetValueOrDefault(after.Id)?.Entry;
            var person = new PersonRef(after.Id, after.Name);
            var shift = Shift(before, after);
            if (was is null && now is null) continue;
            if (was is not null && now is not null && was.OurPerson.Id == now.OurPerson.Id)
            {
                continuing++;
                continue;
            }

            if (was is null)
            {
                var earlier = before.InFocus
                    ? $"at {from.Stage.Word()} none of ours with a route had room"
                    : $"at {from.Stage.Word()} below the focus weight {Number(options.StageFocusWeight)}";
                changes.Add(new StageChange(StageChangeKind.Starts, person, null, now!.OurPerson,
                    $"{after.Name} joins the plan at {to.Stage.Word()} ({shift}; {earlier}). {now.OurPerson.Name} engages them: {now.Reason}"));
            }
            else if (now is null)
            {
                var why = after.InFocus
                    ? $"none of ours with a route has room at {to.Stage.Word()}: " +
                      string.Join(", ", after.Member.Routes.BestPerStart.Select(r => to.LoadOf(r.Start)))
                    : $"below the focus weight {Number(options.StageFocusWeight)} at {to.Stage.Word()}, kept warm";
                changes.Add(new StageChange(StageChangeKind.StepsBack, person, was.OurPerson, null,
                    $"{was.OurPerson.Name} steps back from {after.Name} at {to.Stage.Word()} ({shift}): {why}."));
            }
            else
            {
                // Preferences do not change with the stage, only who comes first: either the one preferred now had no
                // room before, or the one before has none now.
                var why = to.Prefers(after.Id, now.OurPerson.Id, was.OurPerson.Id)
                    ? $"{now.OurPerson.Name} is preferred for them and has room at {to.Stage.Word()}" +
                      (from.HasRoom(now.OurPerson.Id)
                          ? ""
                          : $"; at {from.Stage.Word()} {now.OurPerson.Name} was full with {from.Engages(now.OurPerson.Id)}, who came first there")
                    : !to.HasRoom(was.OurPerson.Id)
                        ? $"{to.LoadOf(was.OurPerson)} is full at {to.Stage.Word()} with {to.Engages(was.OurPerson.Id)}, who come first there"
                        : $"the plan at {to.Stage.Word()} moves assignments so that every target in focus is covered";
                changes.Add(new StageChange(StageChangeKind.HandsOver, person, was.OurPerson, now.OurPerson,
                    $"{was.OurPerson.Name} hands {after.Name} over to {now.OurPerson.Name} at {to.Stage.Word()} ({shift}): {why}. " +
                    $"{now.OurPerson.Name}: {now.Reason}"));
            }
        }
        return new StageTransition(from.Stage, to.Stage, changes, Summary(from.Stage, to.Stage, changes, continuing));
    }

    private static string Summary(OpportunityStage from, OpportunityStage to, IReadOnlyList<StageChange> changes, int continuing)
    {
        string Part(StageChangeKind kind, string one, string many)
        {
            var of = changes.Where(c => c.Kind == kind).Select(c => c.TheirPerson.Name).ToList();
            return of.Count == 0 ? "" : $"{of.Count} {(of.Count == 1 ? one : many)} ({string.Join(", ", of)})";
        }
        var parts = new[]
            {
                Part(StageChangeKind.Starts, "starts", "start"), Part(StageChangeKind.HandsOver, "is handed over", "are handed over"),
                Part(StageChangeKind.StepsBack, "is kept warm instead", "are kept warm instead"),
            }
            .Where(p => p.Length > 0)
            .Append($"{continuing} stay{(continuing == 1 ? "s" : "")} with the same person of ours")
            .ToList();
        return changes.Count == 0
            ? $"From {from.Word()} to {to.Word()} the plan stays as it is: {parts[^1]}."
            : $"From {from.Word()} to {to.Word()}: {string.Join("; ", parts)}.";
    }

    /// <summary>"decider weighs 1 at proposal".</summary>
    public static string Weighs(PriorityFactors factors) =>
        $"{factors.WeightiestRole.Word()} weighs {Number(factors.RoleWeight)} at {factors.Stage.Word()}";

    /// <summary>How a member's weight and priority move from one stage to the next.</summary>
    private static string Shift(Weighed before, Weighed after) =>
        (before.Factors.WeightiestRole == after.Factors.WeightiestRole
            ? $"{after.Factors.WeightiestRole.Word()} weighs {Number(before.Factors.RoleWeight)} at {before.Factors.Stage.Word()}, " +
              $"{Number(after.Factors.RoleWeight)} at {after.Factors.Stage.Word()}"
            : $"{Weighs(before.Factors)}, {Weighs(after.Factors)}") +
        $"; priority {Number(before.Priority)} → {Number(after.Priority)}";

    public static string Number(double value) => WarmPaths.Round(value).ToString("0.######", CultureInfo.InvariantCulture);
}
