using System.Globalization;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>BANT as declared on an opportunity (null where nothing is declared), and its close date.</summary>
public sealed record DeclaredBant(Bant? Budget, Bant? Authority, Bant? Need, Bant? Timing, DateOnly? CloseDate);

/// <summary>A buying-center member as qualification reads them: roles, attitude and our coverage (the best route's score).</summary>
public sealed record QualifyingMember(PersonSummary Person, IReadOnlyList<BuyingRole> Roles, Attitude Attitude, bool Coach, double Coverage);

/// <summary>
/// Qualification with the graph's evidence. Pure and deterministic: the same opportunity, buying center, coverage and
/// day give the same answer. Each element's checks:
/// <list type="bullet">
/// <item>Budget: a Decider (the budget owner) is known; a route reaches a Decider.</item>
/// <item>Authority: a Decider is known; an Approver is known; each is supportive (champion, supporter or coach); a route reaches each.</item>
/// <item>Need: a User (the role that usually initiates a purchase) is in the buying center; a User is supportive.</item>
/// <item>Timing: a close date is set; it has not passed.</item>
/// </list>
/// </summary>
public static class Qualifier
{
    /// <summary>Each element weighs the same in readiness.</summary>
    public const double ElementWeight = 0.25;

    public const string Note = "Readiness ranks how far a pursuit is qualified, in [0, 1]; it is not a probability of winning.";

    public static QualificationBlock Assess(DeclaredBant declared, IReadOnlyList<QualifyingMember> members, DateTimeOffset now,
        QualificationOptions options)
    {
        var deciders = With(members, BuyingRole.Decider);
        var approvers = With(members, BuyingRole.Approver);
        var users = With(members, BuyingRole.User);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var budget = Element(declared.Budget,
        [
            Known("decider-known", deciders, "Decider", "find out who owns the budget"),
            Covered("decider-reached", deciders, "Decider"),
        ]);
        var authority = Element(declared.Authority,
        [
            Known("decider-known", deciders, "Decider", "find out who owns the budget"),
            Known("approver-known", approvers, "Approver", "find out who signs off"),
            Supportive("decider-supportive", deciders, "Decider"),
            Supportive("approver-supportive", approvers, "Approver"),
            Covered("decider-covered", deciders, "Decider"),
            Covered("approver-covered", approvers, "Approver"),
        ]);
        var need = Element(declared.Need,
        [
            Known("user-known", users, "User", "who will use it, and asked for it?"),
            Supportive("user-supportive", users, "User"),
        ]);
        var timing = Element(declared.Timing,
        [
            new EvidenceCheck("close-date-set", declared.CloseDate is not null,
                declared.CloseDate is { } set ? $"The close date is {Day(set)}." : "No close date is set."),
            new EvidenceCheck("close-date-ahead", declared.CloseDate is { } close && close >= today,
                declared.CloseDate is not { } date ? "No close date to keep."
                : date >= today ? $"The close date {Day(date)} has not passed." : $"The close date {Day(date)} has passed: is the deal slipping?"),
        ]);

        var elements = new[] { ("budget", budget), ("authority", authority), ("need", need), ("timing", timing) };
        var factors = elements.Select(e => new ReadinessFactor(e.Item1, e.Item2.Score, ElementWeight, WarmPaths.Round(ElementWeight * e.Item2.Score)))
            .ToList();
        var score = WarmPaths.Round(factors.Sum(f => f.Contribution));

        var blockers = new List<string>();
        foreach (var (name, element) in elements)
            if (element.Declared == BantStatus.Missing) blockers.Add($"{Title(name)} is declared missing.");
        foreach (var (name, element) in elements)
            if (element.Score < options.MinElementScore)
                blockers.Add($"{Title(name)} scores {Number(element.Score)}, below {Number(options.MinElementScore)}.");
        if (score < options.GoThreshold) blockers.Add($"Readiness {Number(score)} is below {Number(options.GoThreshold)}.");
        var readiness = blockers.Count == 0 ? Readiness.Go : Readiness.NoGo;

        var reasons = new List<string>();
        if (readiness == Readiness.Go)
            reasons.Add($"Go: readiness {Number(score)} reaches {Number(options.GoThreshold)}, no element scores below " +
                        $"{Number(options.MinElementScore)} and none is declared missing.");
        else
            reasons.AddRange(blockers.Select(b => "No-go: " + b));
        foreach (var (name, element) in elements)
        {
            if (element.Declared is not (BantStatus.Confirmed or BantStatus.Missing))
                reasons.Add($"{Title(name)} is declared {element.Declared.Word()}, not confirmed.");
            reasons.AddRange(element.Evidence.Where(c => !c.Passed).Select(c => $"{Title(name)}: {c.Detail}"));
        }

        var explanation = "Readiness = " + string.Join(" + ", factors.Select(f => $"{Number(f.Weight)} × {Number(f.Score)} ({f.Element})")) +
                          $" = {Number(score)}. Each element = (declared + evidence) / 2: declared confirmed 1, identified 0.5, " +
                          "unknown or missing 0; evidence the share of its checks that pass. " + Note;
        return new QualificationBlock(budget, authority, need, timing, declared.CloseDate, readiness, score, factors, reasons, explanation);
    }

    private static QualificationElement Element(Bant? declared, IReadOnlyList<EvidenceCheck> checks)
    {
        var status = declared?.Status ?? BantStatus.Unknown;
        var declaredValue = status switch
        {
            BantStatus.Confirmed => 1.0,
            BantStatus.Identified => 0.5,
            _ => 0.0,
        };
        var evidence = (double)checks.Count(c => c.Passed) / checks.Count;
        return new QualificationElement(status, declared?.Note, declaredValue, checks, WarmPaths.Round(evidence),
            WarmPaths.Round((declaredValue + evidence) / 2));
    }

    private static List<QualifyingMember> With(IEnumerable<QualifyingMember> members, BuyingRole role) =>
        members.Where(m => m.Roles.Contains(role)).OrderBy(m => m.Person.Name, StringComparer.Ordinal).ThenBy(m => m.Person.Id, StringComparer.Ordinal)
            .ToList();

    private static bool IsSupportive(QualifyingMember member) => member.Coach || member.Attitude is Attitude.Champion or Attitude.Supporter;

    private static EvidenceCheck Known(string check, IReadOnlyList<QualifyingMember> holders, string role, string ask) =>
        new(check, holders.Count > 0, holders.Count > 0 ? $"{role}: {Names(holders)}." : $"No {role} is known in the buying center: {ask}.");

    private static EvidenceCheck Supportive(string check, IReadOnlyList<QualifyingMember> holders, string role)
    {
        var supportive = holders.Where(IsSupportive).ToList();
        if (supportive.Count > 0)
            return new(check, true, $"{Names(supportive)} ({role}) {(supportive.Count == 1 ? "is" : "are")} supportive.");
        return new(check, false, holders.Count == 0
            ? $"No {role} is known, so none is supportive."
            : string.Join("; ", holders.Select(h => $"{h.Person.Name} ({role}) is {h.Attitude.Word()}")) + ", not supportive.");
    }

    private static EvidenceCheck Covered(string check, IReadOnlyList<QualifyingMember> holders, string role)
    {
        var covered = holders.Where(h => h.Coverage > 0).ToList();
        if (covered.Count > 0)
            return new(check, true, string.Join("; ", covered.Select(h => $"{h.Person.Name} ({role}) is reached: route score {Number(h.Coverage)}")) + ".");
        return new(check, false, holders.Count == 0 ? $"No {role} is known, so none is reached." : $"No route of ours reaches {Names(holders)} ({role}).");
    }

    private static string Names(IEnumerable<QualifyingMember> members) => string.Join(", ", members.Select(m => m.Person.Name));

    private static string Title(string element) => char.ToUpperInvariant(element[0]) + element[1..];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double value) => WarmPaths.Round(value).ToString("0.######", CultureInfo.InvariantCulture);
}
