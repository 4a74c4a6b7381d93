namespace RelIntel.Neo4j;

/// <summary>
/// One number for the whole graph that every write which changes data moves on, in the writing transaction itself
/// (<see cref="HttpQueryApiGraph"/>: the commit carries <see cref="Bump"/>). An answer computed after reading version
/// <c>v</c> holds every write up to <c>v</c>, on every instance, so answers may be cached under it.
/// </summary>
/// <remarks>
/// The number is the sum of <see cref="Shards"/> counters, <c>(:GraphVersion {id: 0 … 15, value})</c>, each bump moving
/// one of them at random: every counter only grows, so the sum moves on with every bump, while concurrent commits seldom
/// wait for the same counter's lock (one counter would make every data write's commit wait for the one before it,
/// log flush and all). The bump is the last statement of its transaction, sent with the commit: a counter's lock is held
/// only while the transaction commits, and a transaction holding it waits for nothing else, so it adds no deadlock.
/// Writes that change no data an answer is built from opt out (<see cref="CypherQuery.Bookkeeping"/>). The uniqueness
/// constraint is <c>cypher/schema/009-graph-version.cypher</c>.
/// </remarks>
public static class GraphVersion
{
    /// <summary>How many counters the version is spread over.</summary>
    public const int Shards = 16;

    /// <summary>How many of its last commits' marks each counter keeps (<see cref="CommitMark"/>).</summary>
    public const int RecentCommitsKept = 32;

    /// <summary>
    /// Moves one counter on, and the versions of the accounts the transaction concerns (<see cref="WriteScope"/>): each
    /// customer account's own <c>(:AccountVersion {id: organizationId})</c>, or, for a write that concerns every account,
    /// one of the <see cref="Shards"/> counters <c>(:AccountVersion {id: '*0' … '*15'})</c> that every account's answers
    /// are also kept under (<see cref="EverywhereIds"/>). Each lock is taken (<c>SET v.lock</c>) before the value is read,
    /// so concurrent bumps never lose one another's increment; the account versions are taken in the order of their ids,
    /// after the graph counter, so two commits never wait for each other in a circle.
    /// </summary>
    public static readonly CypherQuery Bump = new("graph-version/bump", $$"""
        MERGE (v:GraphVersion {id: $shard}) SET v.lock = true
        WITH v SET v.value = coalesce(v.value, 0) + 1,
                   v.recentCommits = ([$commitId] + coalesce(v.recentCommits, []))[0..{{RecentCommitsKept}}]
        REMOVE v.lock
        WITH count(v) AS moved
        CALL () {
          UNWIND $scope.people AS personId
          OPTIONAL MATCH (:Person {id: personId})-[:WORKS_AT]->(org:Organization)
          RETURN collect(DISTINCT org.id) AS viaPeople, count(CASE WHEN org IS NULL OR org.kind = 'own' THEN 1 END) AS unplacedPeople
        }
        CALL () {
          UNWIND $scope.counterparts AS personId
          OPTIONAL MATCH (:Person {id: personId})-[:WORKS_AT]->(org:Organization)
          WITH org WHERE org IS NULL OR org.kind <> 'own'
          RETURN collect(DISTINCT org.id) AS viaCounterparts, count(CASE WHEN org IS NULL THEN 1 END) AS unplacedCounterparts
        }
        CALL () {
          UNWIND $scope.opportunities AS opportunityId
          OPTIONAL MATCH (:Opportunity {id: opportunityId})-[:AT]->(org:Organization)
          RETURN collect(DISTINCT org.id) AS viaDeals, count(CASE WHEN org IS NULL OR org.kind = 'own' THEN 1 END) AS unplacedDeals
        }
        WITH CASE
               WHEN $scope.everything OR unplacedPeople + unplacedCounterparts + unplacedDeals > 0
                 OR size(viaPeople) + size(viaCounterparts) + size(viaDeals) = 0
               THEN ['*' + toString($shard)]
               ELSE viaPeople + viaCounterparts + viaDeals
             END AS scopes
        UNWIND scopes AS id
        WITH DISTINCT id ORDER BY id
        MERGE (a:AccountVersion {id: id}) SET a.lock = true WITH a SET a.value = coalesce(a.value, 0) + 1 REMOVE a.lock
        """)
    {
        Bookkeeping = true,
    };

    /// <summary>The parameters of one <see cref="Bump"/>: its <paramref name="mark"/>, and the current <see cref="WriteScope"/>.</summary>
    public static object BumpParameters(CommitMark mark) =>
        new { shard = mark.Shard, commitId = mark.CommitId, scope = WriteScope.Parameter(WriteScope.Current) };

    /// <summary>
    /// Which counter a commit's <see cref="Bump"/> moves (picked at random), and the id it leaves there among the counter's
    /// last <see cref="RecentCommitsKept"/> (<c>recentCommits</c>): when Neo4j fails while answering a commit,
    /// <see cref="Committed"/> tells whether it committed.
    /// </summary>
    public sealed record CommitMark(int Shard, long CommitId)
    {
        // Below 2^53, so the id survives any JSON reader that takes numbers as doubles.
        public static CommitMark New() => new(Random.Shared.Next(Shards), Random.Shared.NextInt64(1L << 53));

        public object Parameters => new { shard = Shard, commitId = CommitId };
    }

    /// <summary>
    /// Whether the commit marked <c>$commitId</c> on counter <c>$shard</c> is in the graph. Asked once Neo4j has answered
    /// that commit (it is then over one way or the other), on the leader, right away: <see cref="RecentCommitsKept"/> more
    /// commits on that one counter would have to come in between for the mark to be gone.
    /// </summary>
    public static readonly CypherQuery Committed = new("graph-version/committed",
        "MATCH (v:GraphVersion {id: $shard}) RETURN $commitId IN coalesce(v.recentCommits, []) AS committed");

    /// <summary>The ids of the account-version counters that writes concerning every account move.</summary>
    public static readonly IReadOnlyList<string> EverywhereIds = [.. Enumerable.Range(0, Shards).Select(i => $"*{i}")];

    /// <summary>The version now (0 before the first write).</summary>
    public static readonly CypherQuery Current = new("graph-version/read",
        "MATCH (v:GraphVersion) RETURN coalesce(sum(v.value), 0) AS value");

    /// <summary>
    /// Reads the version in read access mode with the current <see cref="GraphSession"/>'s bookmarks, so a caller sees at
    /// least its own writes; the answer's bookmarks move the session on, so what is read next is at least as new.
    /// </summary>
    public static async Task<long> ReadAsync(IGraph graph, CancellationToken cancellationToken) =>
        (await graph.ReadAsync(Current, null, cancellationToken)).Scalar<long>("value");
}
