using System.Globalization;

namespace RelIntel.Benchmarks;

/// <summary>The benchmark's command line. Every size has a default (issue #4's full size); <c>--scale small</c> is a quick run.</summary>
public sealed record BenchOptions
{
    public int Seed { get; init; } = 4;
    public int Customers { get; init; } = 200;
    public int PeoplePerCustomer { get; init; } = 500;
    public int OurPeople { get; init; } = 2_000;
    public int Relationships { get; init; } = 300_000;
    public int Opportunities { get; init; } = 1_000;
    public int Competitors { get; init; } = 3;

    /// <summary>Interactions (meetings, calls, ...) that teach some undeclared relationships a learned strength.</summary>
    public int Interactions { get; init; } = 5_000;

    /// <summary>Concurrent clients while loading.</summary>
    public int Clients { get; init; } = 4;

    /// <summary>Relationships per <c>POST /api/relationships/batch</c> call (the API takes at most 10,000).</summary>
    public int RelationshipBatch { get; init; } = 2_000;

    public int Warmup { get; init; } = 30;
    public int SequentialRequests { get; init; } = 300;
    public int ConcurrentClients { get; init; } = 16;
    public int ConcurrentRequests { get; init; } = 400;
    public int PathsPerTarget { get; init; } = 3;

    /// <summary>Opportunities the naive baseline is run for (it is slow: one allShortestPaths statement per target).</summary>
    public int BaselineOpportunities { get; init; } = 10;

    /// <summary>Sizes of Neo4j's own ingest ceiling measured in the same run (0 people: skip it).</summary>
    public int CeilingPeople { get; init; } = 20_000;
    public int CeilingRelationships { get; init; } = 60_000;

    /// <summary>Opportunities whose two recommendation statements are also run straight against Neo4j.</summary>
    public int BreakdownOpportunities { get; init; } = 60;

    /// <summary>Calls of each kind that measure the floor (a Query API round trip, an API hop).</summary>
    public int FloorCalls { get; init; } = 300;

    /// <summary>How long the mixed load (80 % reads, 20 % writes) runs; 0: skip it.</summary>
    public int MixedSeconds { get; init; } = 60;

    /// <summary>Seconds the mixed load runs before its clock starts: every kind of call is made (and each statement
    /// planned by Neo4j) once before it is measured, as the sequential series' warm-up does. Errors and read-your-writes
    /// violations in it still count.</summary>
    public int MixedWarmupSeconds { get; init; } = 5;

    /// <summary>Capture (issue #23): messages of the generated mailbox and events of the generated calendar imported at the
    /// end of the run (0 and 0: skip it).</summary>
    public int CaptureMessages { get; init; } = 100_000;

    public int CaptureEvents { get; init; } = 10_000;

    /// <summary>Sizes, as factors of the default, for the curve of cost against graph size (empty: one run at the given size).</summary>
    public IReadOnlyList<double> Curve { get; init; } = [];

    /// <summary>The same shape scaled: organizations, our people, relationships, opportunities and interactions by <paramref name="factor"/>,
    /// so each person's neighbourhood stays as it is while the graph grows.</summary>
    public BenchOptions Scaled(double factor) => this with
    {
        Customers = Math.Max(2, (int)Math.Round(Customers * factor)),
        OurPeople = Math.Clamp((int)Math.Round(OurPeople * factor), 20, 10_000),
        Relationships = (int)Math.Round(Relationships * factor),
        Opportunities = Math.Max(10, (int)Math.Round(Opportunities * factor)),
        Interactions = (int)Math.Round(Interactions * factor),
        Curve = [],
    };

    /// <summary>People of the one big customer loaded beside the data set and measured on (issue #22); 0: none.</summary>
    public int BigAccount { get; init; }

    /// <summary>Big-account sizes for the curve of issue #22 (each a fresh run); empty: no curve.</summary>
    public IReadOnlyList<int> BigAccountCurve { get; init; } = [];

    /// <summary>Calls per answer on the big account, after two warm-up calls.</summary>
    public int BigAccountCalls { get; init; } = 20;

    /// <summary>Use this running Neo4j instead of starting one (its database should be empty unless <see cref="SkipLoad"/>).</summary>
    public string? Neo4jUri { get; init; }

    public string? Neo4jHome { get; init; }
    public string Neo4jHeap { get; init; } = "1g";
    public string Neo4jPageCache { get; init; } = "512m";

    /// <summary>The API's built RelIntel.Api.dll; found beside the benchmark's build when not given.</summary>
    public string? ApiDll { get; init; }

    /// <summary>Environment settings of the API process it starts (--api-setting Neo4j__QueryTimeout=00:01:00).</summary>
    public IReadOnlyDictionary<string, string> ApiSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Use this running API instead of starting one (no peak memory then).</summary>
    public string? ApiUri { get; init; }

    /// <summary>Data of the same seed and sizes is already loaded: only measure.</summary>
    public bool SkipLoad { get; init; }

    /// <summary>Load, and skip the reading measurements.</summary>
    public bool LoadOnly { get; init; }

    /// <summary>Where the Markdown results are written as well as printed.</summary>
    public string? Output { get; init; }

    public string ApiKey { get; init; } = "bench-" + Guid.NewGuid().ToString("N");

    public const string Usage = """
        RelIntel benchmark (issue #4): generates a deterministic data set, loads it through the REST API and measures.

          dotnet run -c Release --project tests/RelIntel.Benchmarks -- [options]

        sizes     --scale full|small (small: 10 orgs x 100 people, 200 of ours, 5,000 relationships, 50 opportunities)
                  --seed N --customers N --people-per-customer N --our-people N --relationships N --opportunities N
                  --competitors N --interactions N
        loading   --clients N (4) --relationship-batch N (2000)
        reading   --warmup N (30) --sequential N (300) --concurrency N (16) --concurrent-requests N (400)
                  --paths-per-target N (3) --baseline-opportunities N (10) --breakdown-opportunities N (60)
        ceiling   --ceiling-people N (20000) --ceiling-relationships N (60000): Neo4j's raw UNWIND/MERGE rate, same run
        servers   --neo4j-uri URL | --neo4j-home DIR (NEO4J_HOME, else shared/neo4j beside the checkout)
                  --neo4j-heap 1g --neo4j-pagecache 512m  (for the Neo4j it starts)
                  --api-dll PATH | --api-uri URL         (default: start src/RelIntel.Api's build of the same configuration)
                  --api-key KEY                          (with --api-uri: the admin key that API accepts; default: a random one)
                  --api-setting KEY=VALUE                (environment of the API it starts, e.g. Neo4j__QueryTimeout=00:01:00)
        mixed     --mixed-seconds N (60): 80 % reads, 20 % writes by --concurrency clients, read-your-writes checked; 0 skips
                  --mixed-warmup-seconds N (5): the same load first, its times not counted (its errors and violations are)
        floor     --floor-calls N (300): Query API RETURN 1 and GET /health/live, the floor the answers are compared with
        capture   --capture-messages N (100000) --capture-events N (10000): an mbox and an .ics through the import, last; 0 0 skips
        curve     --curve 0.25,0.5,1,2: one run per size (each a fresh Neo4j), recommendations p50 and ingest per size
        big       --big-account N (0): one customer of N people (9 levels) beside the data set, its answers measured (issue #22)
                  --big-account-curve 10000,30000,100000,300000: one run per big-account size, the curve of those answers
                  --big-account-calls N (20): calls per answer on it
        runs      --skip-load (data of the same seed and sizes is there) --load-only --output FILE.md
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            o = name switch
            {
                "--scale" => Value() switch
                {
                    "full" => o with { Customers = 200, PeoplePerCustomer = 500, OurPeople = 2_000, Relationships = 300_000, Opportunities = 1_000, Interactions = 5_000 },
                    "small" => o with
                    {
                        Customers = 10, PeoplePerCustomer = 100, OurPeople = 200, Relationships = 5_000, Opportunities = 50, Interactions = 200,
                        Warmup = 10, SequentialRequests = 50, ConcurrentRequests = 160, BaselineOpportunities = 5, RelationshipBatch = 1_000,
                        CeilingPeople = 2_000, CeilingRelationships = 5_000, BreakdownOpportunities = 20, MixedSeconds = 20, FloorCalls = 100,
                        CaptureMessages = 10_000, CaptureEvents = 1_000,
                    },
                    var s => throw new ArgumentException($"--scale {s}: full or small."),
                },
                "--seed" => o with { Seed = Int() },
                "--customers" => o with { Customers = Int() },
                "--people-per-customer" => o with { PeoplePerCustomer = Int() },
                "--our-people" => o with { OurPeople = Int() },
                "--relationships" => o with { Relationships = Int() },
                "--opportunities" => o with { Opportunities = Int() },
                "--competitors" => o with { Competitors = Int() },
                "--interactions" => o with { Interactions = Int() },
                "--clients" => o with { Clients = Int() },
                "--relationship-batch" => o with { RelationshipBatch = Int() },
                "--warmup" => o with { Warmup = Int() },
                "--sequential" => o with { SequentialRequests = Int() },
                "--concurrency" => o with { ConcurrentClients = Int() },
                "--concurrent-requests" => o with { ConcurrentRequests = Int() },
                "--paths-per-target" => o with { PathsPerTarget = Int() },
                "--baseline-opportunities" => o with { BaselineOpportunities = Int() },
                "--ceiling-people" => o with { CeilingPeople = Int() },
                "--ceiling-relationships" => o with { CeilingRelationships = Int() },
                "--breakdown-opportunities" => o with { BreakdownOpportunities = Int() },
                "--floor-calls" => o with { FloorCalls = Int() },
                "--mixed-seconds" => o with { MixedSeconds = Int() },
                "--mixed-warmup-seconds" => o with { MixedWarmupSeconds = Int() },
                "--capture-messages" => o with { CaptureMessages = Int() },
                "--capture-events" => o with { CaptureEvents = Int() },
                "--curve" => o with
                {
                    Curve = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList(),
                },
                "--big-account" => o with { BigAccount = Int() },
                "--big-account-calls" => o with { BigAccountCalls = Int() },
                "--big-account-curve" => o with
                {
                    BigAccountCurve = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(f => int.Parse(f, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToList(),
                },
                "--neo4j-uri" => o with { Neo4jUri = Value() },
                "--neo4j-home" => o with { Neo4jHome = Value() },
                "--neo4j-heap" => o with { Neo4jHeap = Value() },
                "--neo4j-pagecache" => o with { Neo4jPageCache = Value() },
                "--api-dll" => o with { ApiDll = Value() },
                "--api-uri" => o with { ApiUri = Value() },
                "--api-key" => o with { ApiKey = Value() },
                "--api-setting" => Value().Split('=', 2) is [var key, var value]
                    ? o with { ApiSettings = new Dictionary<string, string>(o.ApiSettings) { [key] = value } }
                    : throw new ArgumentException("--api-setting KEY=VALUE"),
                "--skip-load" => o with { SkipLoad = true },
                "--load-only" => o with { LoadOnly = true },
                "--output" => o with { Output = Value() },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }
        if (o.PeoplePerCustomer is < 20 or > 10_000) throw new ArgumentException("--people-per-customer: 20 to 10,000 (one org-chart call).");
        if (o.OurPeople is < 20 or > 10_000) throw new ArgumentException("--our-people: 20 to 10,000 (one org-chart call).");
        if (o.RelationshipBatch is < 1 or > 10_000) throw new ArgumentException("--relationship-batch: 1 to 10,000.");
        if (o.BigAccount is < 0 or > 1_000_000 || o.BigAccountCurve.Any(n => n is < 1_000 or > 1_000_000))
            throw new ArgumentException("--big-account, --big-account-curve: 1,000 to 1,000,000 people.");
        if (o.Competitors < 1) throw new ArgumentException("--competitors: at least 1.");
        return o;
    }
}
