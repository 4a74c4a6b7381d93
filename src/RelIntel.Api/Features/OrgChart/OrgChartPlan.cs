using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.OrgChart;

/// <summary>
/// Decides, before anything is written, which records of an org chart can be stored: fields valid, ids unique in the
/// chart and not taken by another organization, managers present, and no cycle of solid lines — taking into account
/// the people already in the organization and, in replace mode, those about to leave. A chart's id of someone at
/// another organization is a move, except between our side and theirs while they have relationships.
/// </summary>
internal sealed class OrgChartPlan
{
    /// <summary>A stored member of the organization and their solid manager.</summary>
    public sealed record Member(string Id, string? ManagerId);

    /// <summary>A person of the chart's ids who works at another organization; <c>SideChangeBlocked</c> when moving them
    /// here would take someone with relationships between our side and theirs.</summary>
    public sealed record Elsewhere(string Id, string OrganizationId, bool SideChangeBlocked);

    public sealed record Line(string ManagerId, string Kind);

    public sealed record PersonRow(string Id, string Name, string? Title, string? Email, string? Department, Seniority? Seniority);

    public sealed record LinesRow(string Id, IReadOnlyList<Line> Lines);

    private readonly Dictionary<int, Validation> failures = [];

    public OrgChartPlan(IReadOnlyList<OrgChartPerson> records, ImportMode mode, IReadOnlyList<Member> members, IReadOnlyList<Elsewhere> elsewhere)
    {
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
                if (!failures.ContainsKey(i)) managerOf[records[i].Id!] = records[i].ManagerId;

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
            People.Add(new PersonRow(r.Id!, r.Name!.Trim(), r.Title?.Trim(), r.Email?.Trim(), r.Department?.Trim(), seniority[i]));
            var lines = new List<Line>();
            if (r.ManagerId is not null) lines.Add(new Line(r.ManagerId, "solid"));
            lines.AddRange((r.DottedManagerIds ?? []).Select(d => new Line(d, "dotted")));
            Lines.Add(new LinesRow(r.Id!, lines));
        }
        if (mode == ImportMode.Replace) Leave.AddRange(memberIds.Where(id => !chartIds.Contains(id)).Order(StringComparer.Ordinal));
    }

    public List<RecordResult> Results { get; } = [];

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
