using RelIntel.Neo4j;

namespace RelIntel.Tests.Foundation;

/// <summary>Our Query API client against the real server: errors become our exceptions, transactions hold.</summary>
public sealed class Neo4jClientTests
{
    private HttpQueryApiGraph graph = null!;

    [OneTimeSetUp]
    public async Task Connect()
    {
        graph = TestNeo4j.Graph();
        await graph.WriteAsync(Q("CREATE CONSTRAINT client_test_node_id IF NOT EXISTS FOR (n:ClientTestNode) REQUIRE n.id IS UNIQUE"));
    }

    [OneTimeTearDown]
    public void Disconnect() => graph.Dispose();

    private static CypherQuery Q(string text) => new("test", text);

    [Test]
    public async Task Rows_map_to_records_and_parameters_are_passed_as_values()
    {
        var rows = (await graph.ReadAsync(Q("UNWIND $names AS name RETURN name, size(name) AS length ORDER BY name"),
            new { names = new[] { "b", "a'}//`MATCH" } })).As<NameRow>();
        Assert.That(rows, Is.EqualTo(new[] { new NameRow("a'}//`MATCH", 11), new NameRow("b", 1) }));
    }

    [Test]
    public void A_syntax_error_is_a_syntax_exception() =>
        Assert.ThrowsAsync<Neo4jSyntaxException>(() => graph.ReadAsync(Q("RETURN RETURN")));

    [Test]
    public void An_error_inside_a_202_answer_is_still_an_error()
    {
        var error = Assert.ThrowsAsync<Neo4jClientException>(() => graph.ReadAsync(Q("UNWIND [1, 0] AS x RETURN 1 / x")));
        Assert.That(error!.Code, Does.StartWith("Neo.ClientError.Statement"));
    }

    [Test]
    public async Task A_uniqueness_violation_is_a_constraint_exception()
    {
        var id = $"dup-{Guid.NewGuid():N}";
        await graph.WriteAsync(Q("CREATE (:ClientTestNode {id: $id})"), new { id });
        Assert.ThrowsAsync<Neo4jConstraintViolationException>(() => graph.WriteAsync(Q("CREATE (:ClientTestNode {id: $id})"), new { id }));
        await graph.WriteAsync(Q("MATCH (o:ClientTestNode {id: $id}) DELETE o"), new { id });
    }

    [Test]
    public async Task A_transaction_commits_all_its_statements_or_none()
    {
        var id = $"tx-{Guid.NewGuid():N}";
        var count = Q("MATCH (o:ClientTestNode) WHERE o.id STARTS WITH $id RETURN count(o) AS n");

        Assert.ThrowsAsync<InvalidOperationException>(() => graph.ExecuteWriteAsync<int>(async tx =>
        {
            await tx.RunAsync(Q("CREATE (:ClientTestNode {id: $id + '-a'})"), new { id });
            throw new InvalidOperationException("the caller changes its mind");
        }));
        Assert.That((await graph.ReadAsync(count, new { id })).Scalar<long>("n"), Is.Zero, "rolled back");

        Assert.ThrowsAsync<Neo4jConstraintViolationException>(() => graph.ExecuteWriteAsync(async tx =>
        {
            await tx.RunAsync(Q("CREATE (:ClientTestNode {id: $id + '-b'})"), new { id });
            return await tx.RunAsync(Q("CREATE (:ClientTestNode {id: $id + '-b'})"), new { id });
        }));
        Assert.That((await graph.ReadAsync(count, new { id })).Scalar<long>("n"), Is.Zero, "a failed statement undoes the earlier ones");

        await graph.ExecuteWriteAsync(async tx =>
        {
            await tx.RunAsync(Q("CREATE (:ClientTestNode {id: $id + '-c'})"), new { id });
            return await tx.RunAsync(Q("CREATE (:ClientTestNode {id: $id + '-d'})"), new { id });
        });
        Assert.That((await graph.ReadAsync(count, new { id })).Scalar<long>("n"), Is.EqualTo(2));
        await graph.WriteAsync(Q("MATCH (o:ClientTestNode) WHERE o.id STARTS WITH $id DELETE o"), new { id });
    }

    [Test]
    public void An_unreachable_server_is_unavailable_not_a_crash()
    {
        using var nowhere = new HttpQueryApiGraph(new Uri("http://127.0.0.1:1/"), new Neo4jOptions { MaxRetries = 1 },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HttpQueryApiGraph>.Instance);
        Assert.ThrowsAsync<Neo4jUnavailableException>(() => nowhere.ReadAsync(Q("RETURN 1")));
    }

    private sealed record NameRow(string Name, long Length);
}
