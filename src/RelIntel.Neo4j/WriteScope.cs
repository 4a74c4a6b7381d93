namespace RelIntel.Neo4j;

/// <summary>
/// What the writes of the current request concern, so that their commit moves only those accounts' versions
/// (<see cref="GraphVersion"/>) and cached answers elsewhere stay valid. Declared by a handler before it writes, for the
/// rest of its request: <c>using var scope = WriteScope.OfOpportunities([id]);</c>. A write under no scope concerns
/// every account: only the writes whose effect is known to stay inside their accounts declare one.
/// </summary>
/// <remarks>
/// The ids are turned into accounts by the commit itself, after the writes, in the same transaction: a person's
/// organization, an opportunity's. Anything that cannot be placed in one customer account (an unknown id, one of our own
/// people, where our people count) makes the commit concern every account, as a write under no scope does.
/// </remarks>
public sealed class WriteScope : IDisposable
{
    private static readonly AsyncLocal<WriteScope?> current = new();

    private readonly WriteScope? outer;

    private WriteScope(IReadOnlyList<string> people, IReadOnlyList<string> counterparts, IReadOnlyList<string> opportunities)
    {
        People = people;
        Counterparts = counterparts;
        Opportunities = opportunities;
        outer = current.Value;
        current.Value = this;
    }

    /// <summary>The scope the request's next commit is under; null: every account.</summary>
    public static WriteScope? Current => current.Value;

    /// <summary>People whose organizations the writes concern; one of our own people concerns every account.</summary>
    public IReadOnlyList<string> People { get; }

    /// <summary>People whose organizations the writes concern unless they are ours (an interaction's participants: it changes
    /// only our relationships to the others).</summary>
    public IReadOnlyList<string> Counterparts { get; }

    /// <summary>Opportunities whose accounts the writes concern.</summary>
    public IReadOnlyList<string> Opportunities { get; }

    /// <summary>The writes concern the organizations of these people (a relationship to them, say).</summary>
    public static WriteScope OfPeople(IEnumerable<string> personIds) => new([.. personIds.Distinct()], [], []);

    /// <summary>The writes concern the organizations of these people other than our own (an interaction's participants).</summary>
    public static WriteScope OfCounterparts(IEnumerable<string> personIds) => new([], [.. personIds.Distinct()], []);

    /// <summary>The writes concern these opportunities' accounts (a buying-center or team change, the deal itself).</summary>
    public static WriteScope OfOpportunities(IEnumerable<string> opportunityIds) => new([], [], [.. opportunityIds.Distinct()]);

    /// <summary>The <c>$scope</c> of <see cref="GraphVersion.Bump"/>: everything when there is no scope.</summary>
    internal static object Parameter(WriteScope? scope) => scope is null
        ? new { everything = true, people = Array.Empty<string>(), counterparts = Array.Empty<string>(), opportunities = Array.Empty<string>() }
        : new { everything = false, people = scope.People, counterparts = scope.Counterparts, opportunities = scope.Opportunities };

    public void Dispose() => current.Value = outer;
}
