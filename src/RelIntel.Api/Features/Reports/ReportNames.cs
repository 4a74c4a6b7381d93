using System.Text;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Names in a report are facts of the reader's day, not of the report's: a report is stored with ids only
/// (<see cref="ToStored"/>: every name and title empty, every sentence a template whose people are <c>⟦id⟧</c>), and
/// each read fills them in as the people are named now (<see cref="Fill"/>). Pure.
/// </summary>
/// <remarks>
/// The sentences come from the insights already written (a status reason, a route's explanation, a plan entry's reason,
/// the qualification's checks). They are turned into templates once, while the report is made, from the people the
/// report itself names: nothing stored is ever searched for a name afterwards, so erasing or hiding a person is a matter
/// of their id (<see cref="Mentions"/>).
/// </remarks>
public static class ReportNames
{
    private const char Open = '⟦';
    private const char Close = '⟧';

    /// <summary>How a person is named when read: their name and title now.</summary>
    public sealed record Named(string Name, string? Title);

    /// <summary>The sentence a reader gets where a stored one named someone no longer there to be named.</summary>
    public const string GoneName = "an erased person";

    public static string Placeholder(string id) => $"{Open}{id}{Close}";

    /// <summary>The ids a template names.</summary>
    public static IEnumerable<string> Mentions(string? template)
    {
        if (string.IsNullOrEmpty(template)) yield break;
        var start = template.IndexOf(Open);
        while (start >= 0)
        {
            var end = template.IndexOf(Close, start + 1);
            if (end < 0) yield break;
            yield return template[(start + 1)..end];
            start = template.IndexOf(Open, end + 1);
        }
    }

    /// <summary>Whether a template names any of <paramref name="ids"/>.</summary>
    public static bool Names(string? template, IReadOnlySet<string> ids) => Mentions(template).Any(ids.Contains);

    /// <summary>The report as stored: ids and numbers; names and titles empty; sentences as templates.</summary>
    public static ReportResponse ToStored(ReportResponse report)
    {
        var people = PeopleIn(report);
        var text = new Templater(people);
        return Map(report, _ => new Named("", null), text.Template);
    }

    /// <summary>The stored report with everyone named as <paramref name="people"/> says (absent: <see cref="GoneName"/>).</summary>
    public static ReportResponse Fill(ReportResponse stored, IReadOnlyDictionary<string, Named> people)
    {
        Named Of(string id) => people.GetValueOrDefault(id) ?? new Named(GoneName, null);
        return Map(stored, Of, template => Render(template, Of));
    }

    private static string Render(string template, Func<string, Named> of)
    {
        if (template.IndexOf(Open) < 0) return template;
        var b = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var start = template.IndexOf(Open, at);
            var end = start < 0 ? -1 : template.IndexOf(Close, start + 1);
            if (end < 0)
            {
                b.Append(template, at, template.Length - at);
                break;
            }
            b.Append(template, at, start - at).Append(of(template[(start + 1)..end]).Name);
            at = end + 1;
        }
        return b.ToString();
    }

    /// <summary>Every person a report names, by id, with the name it names them by.</summary>
    private static Dictionary<string, string> PeopleIn(ReportResponse report)
    {
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string id, string? name)
        {
            if (!string.IsNullOrWhiteSpace(name)) people.TryAdd(id, name);
        }
        Map(report, id => new Named(id, null), t => t, (id, name) => Add(id, name));
        return people;
    }

    /// <summary>
    /// The report with each person renamed by <paramref name="name"/> and each sentence passed through
    /// <paramref name="text"/>; <paramref name="seen"/> hears every (id, name) the report holds.
    /// </summary>
    private static ReportResponse Map(ReportResponse r, Func<string, Named> name, Func<string, string> text,
        Action<string, string?>? seen = null)
    {
        PersonRef Ref(PersonRef p)
        {
            seen?.Invoke(p.Id, p.Name);
            return new PersonRef(p.Id, name(p.Id).Name);
        }
        PersonSummary Summary(PersonSummary p)
        {
            seen?.Invoke(p.Id, p.Name);
            var n = name(p.Id);
            return new PersonSummary(p.Id, n.Name, n.Title);
        }
        ReportRoute? Route(ReportRoute? route) => route is null ? null
            : route with { People = route.People.Select(Ref).ToList(), Explanation = text(route.Explanation) };
        Gap GapOf(Gap g) => g with { Message = text(g.Message) };
        var c = r.Changes;
        return r with
        {
            StatusReason = text(r.StatusReason),
            Coverage = r.Coverage.Select(m => m with { Person = Summary(m.Person), BestRoute = Route(m.BestRoute) }).ToList(),
            Gaps = r.Gaps.Select(GapOf).ToList(),
            Plan = r.Plan.Select(p => p with { OurPerson = Ref(p.OurPerson), TheirPerson = Ref(p.TheirPerson), Reason = text(p.Reason) }).ToList(),
            WentStale = r.WentStale.Select(s => s with { OurPerson = Ref(s.OurPerson), TheirPerson = Ref(s.TheirPerson) }).ToList(),
            Changes = c with
            {
                CoverageGained = c.CoverageGained.Select(x => x with { Target = Ref(x.Target) }).ToList(),
                CoverageLost = c.CoverageLost.Select(x => x with { Target = Ref(x.Target) }).ToList(),
                NewRoutes = c.NewRoutes.Select(x => new RouteChange(Ref(x.Target), Route(x.Route)!)).ToList(),
                LostRoutes = c.LostRoutes.Select(x => new RouteChange(Ref(x.Target), Route(x.Route)!)).ToList(),
                GapsOpened = c.GapsOpened.Select(GapOf).ToList(),
                GapsClosed = c.GapsClosed.Select(GapOf).ToList(),
                Targets = c.Targets.Select(t => t with { Target = Ref(t.Target), Reason = text(t.Reason) }).ToList(),
                PlanEntries = c.PlanEntries.Select(p => p with
                {
                    Target = Ref(p.Target),
                    Before = p.Before is null ? null : Ref(p.Before),
                    After = p.After is null ? null : Ref(p.After),
                    Reason = text(p.Reason),
                }).ToList(),
            },
            Qualification = r.Qualification is { } q
                ? q.WithText(text)
                : null,
            Account = r.Account is { } a
                ? a with
                {
                    Departments = a.Departments.Select(g => g with { BestHeldBy = g.BestHeldBy is null ? null : Ref(g.BestHeldBy) }).ToList(),
                    Divisions = a.Divisions.Select(g => g with { BestHeldBy = g.BestHeldBy is null ? null : Ref(g.BestHeldBy) }).ToList(),
                }
                : null,
            PeopleChanges = r.PeopleChanges is { } people
                ? people with
                {
                    Items = people.Items.Select(x => x with
                    {
                        Person = Ref(x.Person), NewManager = x.NewManager is null ? null : Ref(x.NewManager),
                    }).ToList(),
                }
                : null,
            Picture = r.Picture is { } picture
                ? picture with
                {
                    Hierarchy = picture.Hierarchy.Select(h =>
                    {
                        seen?.Invoke(h.Id, h.Name);
                        var n = name(h.Id);
                        return h with { Name = n.Name, Title = n.Title };
                    }).ToList(),
                }
                : null,
        };
    }

    /// <summary>
    /// Turns freshly written sentences into templates: each of the report's people's names, where it stands as a whole
    /// name (no letter or digit touching it), becomes their placeholder; longer names first, so "Ann Lee" is not read as "Ann".
    /// </summary>
    private sealed class Templater(IReadOnlyDictionary<string, string> people)
    {
        private readonly List<(string Name, string Id)> names = people
            .GroupBy(p => p.Value, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Id: g.Select(p => p.Key).Order(StringComparer.Ordinal).First()))
            .OrderByDescending(n => n.Name.Length).ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();

        public string Template(string text)
        {
            if (string.IsNullOrEmpty(text) || names.Count == 0) return text;
            var b = new StringBuilder(text.Length);
            var at = 0;
            while (at < text.Length)
            {
                var match = names.FirstOrDefault(n => Stands(text, at, n.Name));
                if (match.Name is null)
                {
                    b.Append(text[at++]);
                    continue;
                }
                b.Append(Placeholder(match.Id));
                at += match.Name.Length;
            }
            return b.ToString();
        }

        private static bool Stands(string text, int at, string name) =>
            string.CompareOrdinal(text, at, name, 0, name.Length) == 0
            && (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            && (at + name.Length == text.Length || !char.IsLetterOrDigit(text[at + name.Length]));
    }
}
