namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// An account's chart as its derived facts are computed from it (<c>cypher/accounts/facts-edges.cypher</c>): people by
/// position, in id order, and every line as the position of its other end. Arrays rather than an object per person: the
/// refresh of a large account is when the API's memory peaks, and at 300,000 people a record per person with its own
/// lists and lookups by id took about 1.5 times the heap (docs/benchmarks.md).
/// </summary>
public sealed class AccountChart
{
    private AccountChart(string[] ids, int[] manager, bool[] reachable, string?[] seniority, string?[] department,
        string?[] storedHeadId, PersonLines dotted, PersonLines influences)
    {
        Ids = ids;
        Manager = manager;
        Reachable = reachable;
        Seniority = seniority;
        Department = department;
        StoredHeadId = storedHeadId;
        Dotted = dotted;
        Influences = influences;
    }

    public int Count => Ids.Length;

    /// <summary>Each person's id, in ordinal order: the same chart always gives the same facts.</summary>
    public string[] Ids { get; }

    /// <summary>The position of each person's solid manager; -1 when none works in the account.</summary>
    public int[] Manager { get; }

    /// <summary>Whether each person may be reached (<c>charter.reachable</c>).</summary>
    public bool[] Reachable { get; }

    public string?[] Seniority { get; }

    /// <summary>Each person's department as coverage groups it (null: none).</summary>
    public string?[] Department { get; }

    /// <summary>The division head the last refresh stored on each person (<c>Person.divisionHeadId</c>).</summary>
    public string?[] StoredHeadId { get; }

    /// <summary>Dotted lines to managers in the account.</summary>
    public PersonLines Dotted { get; }

    /// <summary>Influence lines to colleagues in the account, with their strengths.</summary>
    public PersonLines Influences { get; }

    /// <summary>
    /// Collects the chart one person at a time, in any order (a manager may come after the people reporting to them),
    /// naming each id once however often it is named, into arrays that <see cref="Build"/> puts in id order in place.
    /// </summary>
    /// <param name="expectedPeople">How many people the account has, as last counted: the arrays are sized once instead of
    /// growing by doubling, which at 300,000 people leaves as much again behind as garbage.</param>
    public sealed class Builder(int expectedPeople)
    {
        private readonly Dictionary<string, int> nameOf = new(expectedPeople, StringComparer.Ordinal);
        private readonly List<string> names = new(expectedPeople);
        private readonly HashSet<string> texts = new(StringComparer.Ordinal);
        private readonly LineList dotted = new(expectedPeople);
        private readonly LineList influences = new(expectedPeople);
        private int count;
        private string[] ids = new string[expectedPeople];
        private int[] manager = new int[expectedPeople];
        private bool[] reachable = new bool[expectedPeople];
        private string?[] seniority = new string?[expectedPeople];
        private string?[] department = new string?[expectedPeople];
        private string?[] storedHead = new string?[expectedPeople];

        /// <summary>One person: their lines are added right after, with <see cref="AddDotted"/> and <see cref="AddInfluence"/>.</summary>
        public void AddPerson(string id, string? managerId, bool mayBeReached, string? seniorityWord, string? departmentName,
            string? storedHeadId)
        {
            if (count == ids.Length) Resize(Math.Max(16, count * 2));
            ids[count] = names[Name(id)];
            manager[count] = managerId is null ? -1 : Name(managerId);
            reachable[count] = mayBeReached;
            seniority[count] = Text(seniorityWord);
            department[count] = Text(departmentName);
            storedHead[count] = storedHeadId is null ? null : names[Name(storedHeadId)];
            count++;
            dotted.StartPerson();
            influences.StartPerson();
        }

        public void AddDotted(string managerId) => dotted.Add(Name(managerId), 0);

        public void AddInfluence(string colleagueId, double strength) => influences.Add(Name(colleagueId), strength);

        /// <summary>The chart in id order; the builder's arrays become the chart's, so it is built once.</summary>
        public AccountChart Build()
        {
            if (count != ids.Length) Resize(count);
            // Arrival order → id order; a name → its person's position (-1: not a person of the account).
            var order = Enumerable.Range(0, count).ToArray();
            Array.Sort(order, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
            var moved = new bool[count];
            Permute(ids, order, moved);
            Permute(manager, order, moved);
            Permute(reachable, order, moved);
            Permute(seniority, order, moved);
            Permute(department, order, moved);
            Permute(storedHead, order, moved);
            var positionOf = new int[names.Count];
            Array.Fill(positionOf, -1);
            for (var at = 0; at < count; at++) positionOf[nameOf[ids[at]]] = at;
            int Position(int name) => name < 0 ? -1 : positionOf[name];
            for (var at = 0; at < count; at++) manager[at] = Position(manager[at]);
            return new AccountChart(ids, manager, reachable, seniority, department, storedHead,
                dotted.InOrder(order, Position), influences.InOrder(order, Position));
        }

        private void Resize(int size)
        {
            Array.Resize(ref ids, size);
            Array.Resize(ref manager, size);
            Array.Resize(ref reachable, size);
            Array.Resize(ref seniority, size);
            Array.Resize(ref department, size);
            Array.Resize(ref storedHead, size);
        }

        /// <summary>Puts <paramref name="values"/> in the order given (<c>values[at]</c> becomes <c>values[order[at]]</c>) in
        /// place, one cycle of the permutation at a time.</summary>
        private static void Permute<T>(T[] values, int[] order, bool[] moved)
        {
            Array.Clear(moved);
            for (var start = 0; start < values.Length; start++)
            {
                if (moved[start]) continue;
                var first = values[start];
                var at = start;
                while (true)
                {
                    moved[at] = true;
                    var from = order[at];
                    if (from == start)
                    {
                        values[at] = first;
                        break;
                    }
                    values[at] = values[from];
                    at = from;
                }
            }
        }

        private int Name(string id)
        {
            if (nameOf.TryGetValue(id, out var known)) return known;
            nameOf[id] = names.Count;
            names.Add(id);
            return names.Count - 1;
        }

        private string? Text(string? value)
        {
            if (value is null) return null;
            if (texts.TryGetValue(value, out var known)) return known;
            texts.Add(value);
            return value;
        }
    }

    /// <summary>Lines as they arrive: each person's are the ones added after them.</summary>
    private sealed class LineList(int expectedPeople)
    {
        private readonly List<int> first = new(expectedPeople);
        private readonly List<int> to = [];
        private readonly List<double> strength = [];

        public void StartPerson() => first.Add(to.Count);

        public void Add(int name, double value)
        {
            to.Add(name);
            strength.Add(value);
        }

        /// <summary>The lines by person in id order, ends as positions (-1: outside the account).</summary>
        public PersonLines InOrder(int[] order, Func<int, int> position)
        {
            var n = order.Length;
            var starts = new int[n + 1];
            var ends = new int[to.Count];
            var values = new double[to.Count];
            var at = 0;
            for (var p = 0; p < n; p++)
            {
                starts[p] = at;
                var arrived = order[p];
                var last = arrived + 1 < first.Count ? first[arrived + 1] : to.Count;
                for (var k = first[arrived]; k < last; k++, at++)
                {
                    ends[at] = position(to[k]);
                    values[at] = strength[k];
                }
            }
            starts[n] = at;
            return new PersonLines(starts, ends, values);
        }
    }
}

/// <summary>Lines by person: person i's are at <c>First[i]</c> up to <c>First[i + 1]</c>, each the position of its other
/// end (-1: not in the account) and its strength (influence lines only).</summary>
public sealed record PersonLines(int[] First, int[] To, double[] Strength);
