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
    public async Task A_streamed_read_hands_on_every_row_of_an_answer_larger_than_its_buffer()
    {
        // 30,000 rows of about 60 bytes: many times the 64 KiB the answer is read through, so rows straddle every refill.
        var query = Q("UNWIND range(1, $n) AS i RETURN i, 'person-' + toString(i) AS id, [i % 7, [toString(i), 0.5]] AS lines");
        var whole = await graph.ReadAsync(query, new { n = 30_000 });

        var streamed = await graph.ReadEachAsync(query, new { n = 30_000 }, fields => new RowTexts(fields));

        Assert.Multiple(() =>
        {
            Assert.That(streamed.Fields, Is.EqualTo(new[] { "i", "id", "lines" }));
            Assert.That(streamed.Rows, Has.Count.EqualTo(30_000));
            Assert.That(streamed.Rows, Is.EqualTo(whole.Rows.Select(r => "[" + string.Join(",", r.Select(v => v.GetRawText())) + "]")));
        });
    }

    [Test]
    public async Task A_streamed_read_of_no_rows_still_opens_its_reader()
    {
        var streamed = await graph.ReadEachAsync(Q("UNWIND [] AS i RETURN i"), null, fields => new RowTexts(fields));
        Assert.That((streamed.Fields, streamed.Rows.Count), Is.EqualTo((new[] { "i" }, 0)));
    }

    [Test]
    public void A_streamed_read_fails_as_a_whole_read_does_even_after_rows_arrived()
    {
        Assert.ThrowsAsync<Neo4jSyntaxException>(() => graph.ReadEachAsync(Q("RETURN RETURN"), null, fields => new RowTexts(fields)));
        // The error comes after 50,000 rows were streamed.
        var error = Assert.ThrowsAsync<Neo4jClientException>(() =>
            graph.ReadEachAsync(Q("UNWIND range(1, 60000) AS i RETURN i, 1 / (50000 - i) AS x"), null, fields => new RowTexts(fields)));
        Assert.That(error!.Code, Does.StartWith("Neo.ClientError.Statement"));
    }

    /// <summary>Keeps each row's JSON text: what a streamed read handed on, to compare with a whole read.</summary>
    private sealed class RowTexts(IReadOnlyList<string> fields) : IRowReader<(IReadOnlyList<string> Fields, List<string> Rows)>
    {
        private readonly List<string> rows = [];

        public void Add(System.Text.Json.JsonElement row) =>
            rows.Add("[" + string.Join(",", row.EnumerateArray().Select(v => v.GetRawText())) + "]");

        public (IReadOnlyList<string> Fields, List<string> Rows) Complete() => (fields, rows);
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
    public async Task A_long_running_statement_gets_the_long_timeout_and_any_other_the_query_timeout()
    {
        // Every answer of the real server is held back 1 s: longer than the query timeout, well within the long one.
        var options = new Neo4jOptions { QueryTimeout = TimeSpan.FromMilliseconds(300), LongQueryTimeout = TimeSpan.FromSeconds(30), MaxRetries = 0 };
        using var slow = new HttpQueryApiGraph(TestNeo4j.Uri, options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HttpQueryApiGraph>.Instance, wrapHandler: inner => new HeldBack(inner, TimeSpan.FromSeconds(1)));

        var error = Assert.ThrowsAsync<Neo4jUnavailableException>(() => slow.ReadAsync(Q("RETURN 1 AS one")));
        Assert.That(error!.TimedOut, Is.True);

        var answer = await slow.ReadAsync(Q("RETURN 1 AS one") with { LongRunning = true });
        Assert.That(answer.Scalar<long>("one"), Is.EqualTo(1));
    }

    [Test]
    public void A_statement_is_long_running_only_when_its_leading_comments_say_so()
    {
        var library = new CypherLibrary(new Dictionary<string, string>
        {
            ["marked"] = "// Counts a whole account.\n// @long-running: an account-wide count\nRETURN 1",
            ["unmarked"] = "// Counts one person.\nRETURN 1 // @long-running: a comment after the code does not count",
        });
        Assert.Multiple(() =>
        {
            Assert.That(library.Load("marked").LongRunning, Is.True);
            Assert.That(library.Load("unmarked").LongRunning, Is.False);
            Assert.That(RelIntel.Api.Infrastructure.Cypher.Library.Load("accounts/coverage").LongRunning, Is.True, "the account-wide coverage count");
            Assert.That(RelIntel.Api.Infrastructure.Cypher.Library.Load("insights/warm-paths").LongRunning, Is.False);
        });
    }

    /// <summary>Holds every answer of the server back, as a busy server would.</summary>
    private sealed class HeldBack(HttpMessageHandler inner, TimeSpan delay) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await Task.Delay(delay, cancellationToken);
            return response;
        }
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
