using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.OrgChart;

/// <summary>
/// Decides, before anything is written, which records of an org chart can be stored: fields valid, ids unique in the
/// chart and not taken by another organization, managers present, and no cycle of solid lines — taking into account
/// the people already in the organization and, in replace mode, those about to leave. It is given every current person
/// of the organization in replace mode, and in merge mode those the chart names with the managers above them: enough
/// for every check, as a new line can close a cycle only through the chain above the manager it names. A chart's id of someone at
/// another organization is a move, except between our side and theirs while they have relationships.
/// </summary>
internal sealed class OrgChartPlan
{
    /// <summary>A stored member of the organization and their solid manager.</summary>
    public sealed record Member(string Id, string? ManagerId);

    /// <summary>A person of the chart's ids who works at another organization; <c>SideChangeBlocked</c> when moving them
    /// here would take someone with relationships between our side and theirs.</summary>
    public sealed record Elsewhere(string Id, string OrganizationId, bool SideChangeBlocked);

    /// <summary>What is stored about the person a record's <c>samePersonAs</c> names, and whether the record's id is taken.</summary>
    public sealed record SamePerson(string Id, string SamePersonAs, bool Found, bool Left, bool? FormerOwn, bool IdTaken);

    /// <summary>A record that is someone who left, under a new id.</summary>
    public sealed record Rekey(string Id, string SamePersonAs);

    public sealed record Line(string ManagerId, string Kind);

    /// <summary>A person to write; <paramref name="Sent"/> names the fields the record states (the others keep what is stored).</summary>
    public sealed record PersonRow(string Id, string Name, string? Title, string? Email, string? Department, Seniority? Seniority,
        IReadOnlyList<string> Sent);

    /// <summary>A person's lines of the kinds in <paramref name="Kinds"/> become <paramref name="Lines"/>; lines of other kinds stay.</summary>
    public sealed record LinesRow(string Id, IReadOnlyList<Line> Lines, IReadOnlyList<string> Kinds);

    /// <summary>The fields of a person a chart record may leave out to keep what is stored.</summary>
    private static readonly string[] KeptFields = ["title", "email", "department", "seniority"];

    private readonly Dictionary<int, Validation> failures = [];

    public OrgChartPlan(IReadOnlyList<OrgChartPerson> records, ImportMode mode, IReadOnlyList<Member> members, IReadOnlyList<Elsewhere> elsewhere,
        IReadOnlyList<SamePerson> samePeople, bool ours)
    {
        var sameFacts = samePeople.GroupBy(s => (s.Id, s.SamePersonAs)).ToDictionary(g => g.Key, g => g.First());
        var sameSeen = new HashSet<string>(StringComparer.Ordinal);
        var memberIds = members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var elsewhereById = elsewhere.Where(e => e.SideChangeBlocked).ToDictionary(e => e.Id, e => e.OrganizationId, StringComparer.Ordinal);
        var chartIds = records.Select(r => r.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seniority = new Dictionary<int, Seniority?>();

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var v = new Validation()
                .Id("id", r.Id)
                .Text("name", r.Name, Validation.MaxNameLength, required: true)
                .Text("title", r.Title, Validation.MaxNameLength)
                .Email("email", r.Email)
                .Text("department", r.Department, Validation.MaxNameLength)
                .Id("managerId", r.ManagerId, required: false);
            seniority[i] = SeniorityWords.Check(v, r.Seniority);
            var dotted = r.DottedManagerIds ?? [];
            if (dotted.Count > 20) v.Add("dottedManagerIds", "At most 20 dotted managers.");
            foreach (var d in dotted) v.Id("dottedManagerIds", d);
            if (r.Id is not null && (r.ManagerId == r.Id || dotted.Contains(r.Id))) v.Add("managerId", "A person cannot report to themselves.");
            if (r.ManagerId is not null && dotted.Contains(r.ManagerId)) v.Add("dottedManagerIds", "The solid manager cannot also be a dotted manager.");
            if (dotted.Distinct(StringComparer.Ordinal).Count() != dotted.Count) v.Add("dottedManagerIds", "Lists a manager twice.");
            if (r.Id is not null && Validation.IsId(r.Id) && !seen.Add(r.Id)) v.Add("id", "Appears earlier in this chart.");
            if (r.Id is not null && elsewhereById.TryGetValue(r.Id, out var otherOrganization))
                v.Add("id", $"Belongs to a person of organization '{otherOrganization}' who has relationships, which only go from our " +
                            "people to theirs: they cannot move between our organization and another.");
            CheckSamePerson(r, v, records, sameFacts, sameSeen, ours);
            if (!v.IsValid) failures[i] = v;
        }

        // People who will exist in the organization afterwards, whatever happens to the chart's records.
        var keptMembers = mode == ImportMode.Merge ? memberIds : memberIds.Where(chartIds.Contains).ToHashSet(StringComparer.Ordinal);
        var storedManager = members.ToDictionary(m => m.Id, m => m.ManagerId, StringComparer.Ordinal);

        // Managers must exist afterwards; a failed record can take others down with it, so repeat until stable.
        bool changed;
        do
        {
            changed = false;
            var available = new HashSet<string>(keptMembers, StringComparer.Ordinal);
            for (var i = 0; i < records.Count; i++)
                if (!failures.ContainsKey(i)) available.Add(records[i].Id!);

            for (var i = 0; i < records.Count; i++)
            {
                if (failures.ContainsKey(i)) continue;
                var r = records[i];
                var v = new Validation();
                if (r.ManagerId is not null && !available.Contains(r.ManagerId))
                    v.Add("managerId", $"'{r.ManagerId}' is neither in this chart nor in the organization.");
                foreach (var d in (r.DottedManagerIds ?? []).Where(d => !available.Contains(d)))
                    v.Add("dottedManagerIds", $"'{d}' is neither in this chart nor in the organization.");
                if (v.IsValid) continue;
                failures[i] = v;
                changed = true;
            }

            // Solid lines afterwards: the chart's valid records, else what is stored for people who stay.
            var managerOf = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var id in keptMembers)
                managerOf[id] = storedManager.GetValueOrDefault(id) is { } m && (keptMembers.Contains(m) || chartIds.Contains(m)) ? m : null;
            for (var i = 0; i < records.Count; i++)
                if (!failures.ContainsKey(i) && records[i].States("managerId")) managerOf[records[i].Id!] = records[i].ManagerId;

            for (var i = 0; i < records.Count; i++)
            {
                if (failures.ContainsKey(i) || records[i].ManagerId is null) continue;
                if (!ClosesCycle(records[i].Id!, managerOf)) continue;
                failures[i] = new Validation().Add("managerId", "Would close a cycle of solid reporting lines.");
                changed = true;
            }
        } while (changed);

        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (failures.TryGetValue(i, out var v))
            {
                Results.Add(new RecordResult(i, r.Id, RecordStatus.Failed, v.Errors));
                continue;
            }
            var created = !memberIds.Contains(r.Id!);
            Results.Add(new RecordResult(i, r.Id, created ? RecordStatus.Created : RecordStatus.Updated));
            if (r.SamePersonAs is not null) Rekeys.Add(new Rekey(r.Id!, r.SamePersonAs));
            People.Add(new PersonRow(r.Id!, r.Name!.Trim(), r.Title?.Trim(), r.Email?.Trim(), r.Department?.Trim(), seniority[i],
                KeptFields.Where(r.States).ToList()));
            var lines = new List<Line>();
            if (r.ManagerId is not null) lines.Add(new Line(r.ManagerId, "solid"));
            lines.AddRange((r.DottedManagerIds ?? []).Select(d => new Line(d, "dotted")));
            // A record that leaves out managerId or dottedManagerIds keeps those lines as stored.
            List<string> kinds = [.. r.States("managerId") ? ["solid"] : Array.Empty<string>(),
                .. r.States("dottedManagerIds") ? ["dotted"] : Array.Empty<string>()];
            Lines.Add(new LinesRow(r.Id!, lines, kinds));
        }
        if (mode == ImportMode.Replace) Leave.AddRange(memberIds.Where(id => !chartIds.Contains(id)).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// samePersonAs, checked as PUT /api/people/{id} checks it: the person exists, has left, last worked on the same side
    /// (ours or theirs) as this organization, the record's id is new, and no other record of the chart names them.
    /// </summary>
    private static void CheckSamePerson(OrgChartPerson r, Validation v, IReadOnlyList<OrgChartPerson> records,
        IReadOnlyDictionary<(string, string), SamePerson> facts, HashSet<string> seen, bool ours)
    {
        if (r.SamePersonAs is not { } same) return;
        v.Id("samePersonAs", same, required: false);
        if (r.Id is null || !Validation.IsId(r.Id) || !Validation.IsId(same)) return;
        if (same == r.Id) v.Add("samePersonAs", "Names the record itself: samePersonAs links a new id to someone who left.");
        else if (records.Any(other => other.Id == same)) v.Add("samePersonAs", $"'{same}' is also a record of this chart.");
        else if (!facts.TryGetValue((r.Id, same), out var fact) || !fact.Found) v.Add("samePersonAs", $"No person '{same}'.");
        else if (fact.IdTaken) v.Add("samePersonAs", $"Person '{r.Id}' exists already; samePersonAs only links a new record to someone who left.");
        else if (!fact.Left) v.Add("samePersonAs", $"Person '{same}' still works at an organization: only someone who left can turn up under a new record.");
        else if (fact.FormerOwn is { } formerOwn && formerOwn != ours)
            v.Add("samePersonAs", $"Person '{same}' left the other side (ours or theirs) than this organization.");
        else if (!seen.Add(same)) v.Add("samePersonAs", $"'{same}' is named by an earlier record of this chart.");
    }

    public List<RecordResult> Results { get; } = [];

    /// <summary>Records that are someone who left, under a new id: that person's node takes the id before anything else is written.</summary>
    public List<Rekey> Rekeys { get; } = [];

    public List<PersonRow> People { get; } = [];

    public List<LinesRow> Lines { get; } = [];

    /// <summary>The organization's people a replace leaves out: they leave, they are not erased.</summary>
    public List<string> Leave { get; } = [];

    private static bool ClosesCycle(string start, IReadOnlyDictionary<string, string?> managerOf)
    {
        var current = managerOf.GetValueOrDefault(start);
        for (var steps = 0; current is not null && steps <= managerOf.Count; steps++)
        {
            if (current == start) return true;
            current = managerOf.GetValueOrDefault(current);
        }
        return false;
    }
}
