using System.Globalization;

namespace RelIntel.Benchmarks;

/// <summary>
/// A deterministic synthetic data set: the same options always give the same data (System.Random with a fixed seed,
/// no clock, no hashing of strings). Org charts are pyramids (CEO, VPs, directors, managers, individual contributors)
/// with departments, solid lines and some dotted ones; customers also get informal influence toward seniority and
/// rapport; our sellers' relationships are skewed (a few know very many people, senior customer people are better known).
/// </summary>
public static class Generator
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] FirstNames =
    [
        "Ava", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya",
        "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor", "Wei", "Xena", "Yusuf", "Zoe", "Amir", "Bea", "Carlos", "Dmitri", "Elena",
        "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kira", "Luis", "Mara", "Nils",
    ];

    private static readonly string[] LastNames =
    [
        "Reyes", "Park", "Novak", "Okafor", "Whitfield", "Ito", "Brandt", "Hale", "Diaz", "Chen", "Marsh", "Lang", "Kaur", "Moreno",
        "Ortiz", "Schmidt", "Rossi", "Dubois", "Nakamura", "Silva", "Kowalski", "Haddad", "Larsen", "Murphy", "Costa", "Weber",
        "Ahmed", "Jensen", "Petrov", "Tanaka",
    ];

    private static readonly string[] CustomerDepartments =
        ["Finance", "IT", "Operations", "Procurement", "Sales", "Marketing", "Engineering", "HR", "Legal", "Manufacturing", "Supply Chain", "Product"];

    private static readonly string[] OurDepartments =
        ["Sales", "Sales", "Solutions", "Customer Success", "Engineering", "Marketing", "Finance", "Product", "Partners", "Operations"];

    private static readonly string[] Industries = ["manufacturing", "retail", "banking", "insurance", "logistics", "energy", "healthcare", "telecom"];

    /// <summary>Levels of a pyramid: 0 CEO, 1 VPs and C-level, 2 directors, 3 managers, 4 individual contributors.</summary>
    private static readonly string[] SeniorityOfLevel = ["executive", "vp", "director", "manager", "individual"];

    public static DataSet Generate(BenchOptions o)
    {
        var random = new Random(o.Seed);
        var own = Chart(random, "own", "Relintel Own Co", "own", null, o.OurPeople, OurDepartments, "own.example");
        var customers = Enumerable.Range(0, o.Customers)
            .Select(i => Chart(random, $"c{i:D3}", $"Customer {i:D3}", "customer", Industries[i % Industries.Length], o.PeoplePerCustomer,
                CustomerDepartments, $"c{i:D3}.example"))
            .ToList();
        var competitors = Enumerable.Range(0, o.Competitors)
            .Select(i => new Organization($"rival{i}", new OrganizationBody($"Rival {i}", "competitor", $"rival{i}.example"), []))
            .ToList();

        var influences = new List<InfluenceBody>();
        var rapport = new List<RapportBody>();
        foreach (var customer in customers) InformalLines(random, customer, influences, rapport);

        var (relationships, known) = Relationships(random, own, customers, o.Relationships);
        var opportunities = Opportunities(random, o, own, customers, competitors, known);
        var interactions = Interactions(random, relationships, o.Interactions);
        return new DataSet(own, customers, competitors, relationships, influences, rapport, opportunities, interactions);
    }

    private sealed record Slot(int Level, string Department);

    /// <summary>A pyramid org chart of <paramref name="size"/> people, managers listed after their reports in places.</summary>
    private static Organization Chart(Random random, string id, string name, string kind, string? industry, int size,
        string[] departments, string domain)
    {
        int[] counts =
        [
            1,
            Math.Clamp((int)Math.Round(size * 0.012), 2, 14),
            Math.Max(2, (int)Math.Round(size * 0.04)),
            Math.Max(3, (int)Math.Round(size * 0.12)),
            0,
        ];
        counts[4] = size - counts[0] - counts[1] - counts[2] - counts[3];
        var levels = new List<List<int>>();
        var slots = new List<Slot>();
        var managerOf = new List<int?>();
        for (var level = 0; level < counts.Length; level++)
        {
            var members = new List<int>();
            for (var j = 0; j < counts[level]; j++)
            {
                var index = slots.Count;
                members.Add(index);
                if (level == 0)
                {
                    slots.Add(new Slot(0, "Executive"));
                    managerOf.Add(null);
                    continue;
                }
                var above = levels[level - 1];
                // Contiguous groups with a little jitter: uneven spans of control, coherent departments.
                var position = (int)((j + random.NextDouble() * 0.8) * above.Count / counts[level]);
                var manager = above[Math.Clamp(position, 0, above.Count - 1)];
                var department = level == 1 ? departments[j % departments.Length] : slots[manager].Department;
                slots.Add(new Slot(level, department));
                managerOf.Add(manager);
            }
            levels.Add(members);
        }

        var ids = Enumerable.Range(0, size).Select(i => $"{id}-p{i:D5}").ToArray();
        var people = new List<ChartPerson>(size);
        for (var i = 0; i < size; i++)
        {
            var slot = slots[i];
            List<string>? dotted = null;
            if (slot.Level >= 2 && random.NextDouble() < 0.07)
            {
                // A matrix manager one level up, in another department.
                var above = levels[slot.Level - 1];
                var candidate = above[random.Next(above.Count)];
                if (candidate != managerOf[i]) dotted = [ids[candidate]];
                if (dotted is not null && random.NextDouble() < 0.15)
                {
                    var second = above[random.Next(above.Count)];
                    if (second != managerOf[i] && second != candidate) dotted.Add(ids[second]);
                }
            }
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            people.Add(new ChartPerson(ids[i], $"{first} {last}", Title(slot, random), $"{first}.{last}.{i}@{domain}".ToLowerInvariant(),
                slot.Department, SeniorityOfLevel[slot.Level], managerOf[i] is { } m ? ids[m] : null, dotted));
        }
        // Charts come from CRMs in no particular order: reports before their managers is allowed and common.
        Shuffle(random, people);
        return new Organization(id, new OrganizationBody(name, kind, domain, industry), people);
    }

    private static string Title(Slot slot, Random random) => slot.Level switch
    {
        0 => "Chief Executive Officer",
        1 => slot.Department switch
        {
            "Finance" => "Chief Financial Officer",
            "IT" => "Chief Information Officer",
            "Engineering" => "Chief Technology Officer",
            _ => $"VP {slot.Department}",
        },
        2 => $"Director of {slot.Department}",
        3 => $"{slot.Department} Manager",
        _ => $"{slot.Department} {(random.Next(3) switch { 0 => "Analyst", 1 => "Specialist", _ => "Engineer" })}",
    };

    private static int LevelOf(ChartPerson p) => Array.IndexOf(SeniorityOfLevel, p.Seniority);

    /// <summary>Informal influence (mostly toward the more senior) and rapport: sympathy, some rivalry and antipathy.</summary>
    private static void InformalLines(Random random, Organization org, List<InfluenceBody> influences, List<RapportBody> rapport)
    {
        var people = org.People;
        var seniors = people.Where(p => LevelOf(p) <= 3).ToList();
        var pairs = new HashSet<(string, string)>();
        string[] kinds = ["advisor", "mentor", "expert", "other"];
        for (int made = 0, tries = 0; made < people.Count / 10 && tries < people.Count; tries++)
        {
            var from = people[random.Next(people.Count)];
            var to = random.NextDouble() < 0.75 ? seniors[random.Next(seniors.Count)] : people[random.Next(people.Count)];
            if (from.Id == to.Id || !pairs.Add((from.Id, to.Id))) continue;
            influences.Add(new InfluenceBody(from.Id, to.Id, Math.Round(0.3 + random.NextDouble() * 0.65, 2), kinds[random.Next(kinds.Length)]));
            made++;
        }
        var rapportPairs = new HashSet<(string, string)>();
        for (int made = 0, tries = 0; made < people.Count / 20 && tries < people.Count; tries++)
        {
            var a = seniors[random.Next(seniors.Count)];
            var b = random.NextDouble() < 0.6 ? seniors[random.Next(seniors.Count)] : people[random.Next(people.Count)];
            if (a.Id == b.Id) continue;
            var key = string.CompareOrdinal(a.Id, b.Id) < 0 ? (a.Id, b.Id) : (b.Id, a.Id);
            if (!rapportPairs.Add(key)) continue;
            var roll = random.NextDouble();
            rapport.Add(new RapportBody(key.Item1, key.Item2, roll < 0.6 ? "sympathy" : roll < 0.85 ? "rivalry" : "antipathy"));
            made++;
        }
    }

    /// <summary>
    /// Our people → theirs, skewed: a seller's weight falls with a random rank as rank^-0.6 (executives and sales count
    /// double), accounts' weight as rank^-0.5, and senior customer people are better known. Pairs are unique.
    /// </summary>
    private static (List<RelationshipBody> Relationships, Dictionary<string, List<string>> KnownByOrganization) Relationships(
        Random random, Organization own, IReadOnlyList<Organization> customers, int count)
    {
        var sellers = own.People.ToList();
        Shuffle(random, sellers);
        var sellerWeights = sellers.Select((p, rank) =>
            Math.Pow(rank + 1, -0.6) * (p.Department == "Sales" || LevelOf(p) <= 1 ? 2 : 1)).ToArray();
        var pickSeller = Sampler(sellerWeights);
        var accounts = customers.ToList();
        Shuffle(random, accounts);
        var pickAccount = Sampler(accounts.Select((_, rank) => Math.Pow(rank + 1, -0.5)).ToArray());
        double[] seniorityWeight = [8, 5, 3, 2, 1];
        var pickPerson = accounts.Select(a => Sampler(a.People.Select(p => seniorityWeight[LevelOf(p)]).ToArray())).ToArray();

        var capacity = (long)own.People.Count * customers.Sum(c => c.People.Count);
        if (count > capacity / 2) throw new ArgumentException($"--relationships {count} is too many for {capacity} possible pairs.");
        var pairs = new HashSet<(int, int, int)>();
        var relationships = new List<RelationshipBody>(count);
        var known = new Dictionary<string, List<string>>();
        string[] sources = ["crm", "crm", "email", "calendar", "event", "manual"];
        while (relationships.Count < count)
        {
            var seller = pickSeller(random);
            var account = pickAccount(random);
            var person = pickPerson[account](random);
            if (!pairs.Add((seller, account, person))) continue;
            var ours = sellers[seller];
            var theirs = accounts[account].People[person];
            var roll = random.NextDouble();
            // 70% declared by their owner; the rest learned (some are taught by interactions later).
            double? strength = roll < 0.7 ? Math.Round(0.15 + random.NextDouble() * 0.8, 2) : null;
            var visibility = random.NextDouble() switch { < 0.5 => "company", < 0.85 => "team", _ => "private" };
            var since = DateOnly.FromDateTime(Anchor.UtcDateTime).AddDays(-random.Next(30, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            relationships.Add(new RelationshipBody(ours.Id, theirs.Id, strength, since, sources[random.Next(sources.Length)], visibility));
            var org = accounts[account].Id;
            if (!known.TryGetValue(org, out var list)) known[org] = list = [];
            list.Add(ours.Id);
        }
        return (relationships, known);
    }

    private static List<Opportunity> Opportunities(Random random, BenchOptions o, Organization own, IReadOnlyList<Organization> customers,
        IReadOnlyList<Organization> competitors, Dictionary<string, List<string>> known)
    {
        string[] stages = ["prospecting", "qualification", "qualification", "proposal", "proposal", "proposal", "negotiation", "negotiation", "closed-won", "closed-lost"];
        string[] bant = ["unknown", "identified", "confirmed", "missing"];
        string[] attitudes = ["champion", "supporter", "supporter", "neutral", "neutral", "neutral", "skeptic", "skeptic", "opponent", "opponent"];
        string[] minor = ["influencer", "user", "user", "influencer", "gatekeeper"];
        var ourByLevel = own.People.GroupBy(LevelOf).ToDictionary(g => g.Key, g => g.ToList());
        var sellersOf = own.People.Where(p => p.Department is "Sales" or "Solutions" or "Customer Success").ToList();
        if (sellersOf.Count == 0) sellersOf = own.People.ToList();
        var opportunities = new List<Opportunity>(o.Opportunities);
        for (var i = 0; i < o.Opportunities; i++)
        {
            var account = customers[random.Next(customers.Count)];
            var byLevel = account.People.GroupBy(LevelOf).ToDictionary(g => g.Key, g => g.ToList());
            var size = random.Next(8, 16);
            var chosen = new HashSet<string>();
            var members = new List<BuyingCenterMember>();
            ChartPerson Pick(int minLevel, int maxLevel)
            {
                for (var tries = 0; ; tries++)
                {
                    var level = random.Next(minLevel, maxLevel + 1);
                    if (!byLevel.TryGetValue(level, out var pool)) continue;
                    var p = pool[random.Next(pool.Count)];
                    if (chosen.Add(p.Id) || tries > 1000) return p;
                }
            }
            void Add(ChartPerson p, List<string> roles)
            {
                var level = LevelOf(p);
                if (random.NextDouble() < 0.2) roles.Add(minor[random.Next(minor.Length)]);
                var attitude = attitudes[random.Next(attitudes.Length)];
                var influence = Math.Clamp(5 - level + random.Next(-1, 2) + (roles.Contains("approver") || roles.Contains("decider") ? 1 : 0), 1, 5);
                var coach = attitude is "champion" or "supporter" && random.NextDouble() < 0.4;
                string? favors = attitude is "skeptic" or "opponent" && random.NextDouble() < 0.35
                    ? competitors[random.Next(competitors.Count)].Id
                    : null;
                members.Add(new BuyingCenterMember(p.Id, new BuyingCenterBody(roles.Distinct().Order().ToList(), attitude, influence, coach, favors)));
            }
            // Almost every deal has an approver and a decider; some miss one (a gap to report).
            if (random.NextDouble() < 0.92) Add(Pick(0, 1), ["approver"]);
            if (random.NextDouble() < 0.9) Add(Pick(1, 2), ["decider"]);
            Add(Pick(2, 3), ["buyer"]);
            if (random.NextDouble() < 0.6) Add(Pick(2, 4), ["gatekeeper"]);
            while (members.Count < size) Add(Pick(2, 4), [minor[random.Next(minor.Length)]]);

            // The pursuit team: an account executive who knows people there when we have one, then 1-3 more.
            var team = new List<TeamMember>();
            var taken = new HashSet<string>();
            var knowers = known.GetValueOrDefault(account.Id);
            var ae = knowers is { Count: > 0 } ? knowers[random.Next(knowers.Count)] : sellersOf[random.Next(sellersOf.Count)].Id;
            taken.Add(ae);
            team.Add(new TeamMember(ae, new TeamBody("account-executive")));
            var more = random.Next(1, 4);
            string[] roles = ["solution-engineer", "executive-sponsor", "customer-success"];
            for (var r = 0; r < more; r++)
            {
                var role = roles[r];
                var pool = role == "executive-sponsor" ? ourByLevel[1].Concat(ourByLevel[0]).ToList() : sellersOf;
                var person = pool[random.Next(pool.Count)].Id;
                if (taken.Add(person)) team.Add(new TeamMember(person, new TeamBody(role)));
            }

            var body = new OpportunityBody($"{account.Body.Name} deal {i}", account.Id, stages[random.Next(stages.Length)],
                random.Next(20, 2_000) * 1_000m, "EUR",
                DateOnly.FromDateTime(Anchor.UtcDateTime).AddDays(random.Next(30, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                new BantBody(bant[random.Next(4)]), new BantBody(bant[random.Next(4)]), new BantBody(bant[random.Next(4)]), new BantBody(bant[random.Next(4)]));
            opportunities.Add(new Opportunity($"opp-{i:D5}", body, members, team));
        }
        return opportunities;
    }

    /// <summary>Meetings, calls, emails and events of one of ours with up to four of theirs they know without a declared strength.</summary>
    private static List<InteractionBody> Interactions(Random random, IReadOnlyList<RelationshipBody> relationships, int count)
    {
        var learned = relationships.Where(r => r.Strength is null).ToList();
        var interactions = new List<InteractionBody>(count);
        if (learned.Count == 0) return interactions;
        // Group each seller's undeclared contacts by account, so one meeting teaches several pairs.
        var groups = learned.GroupBy(r => (r.OurPersonId, Account: r.TheirPersonId[..r.TheirPersonId.IndexOf('-')]))
            .Select(g => g.Select(r => r.TheirPersonId).ToList()).ToList();
        var owners = learned.GroupBy(r => (r.OurPersonId, Account: r.TheirPersonId[..r.TheirPersonId.IndexOf('-')]))
            .Select(g => g.Key.OurPersonId).ToList();
        string[] kinds = ["meeting", "call", "call", "email", "email", "email", "event"];
        for (var i = 0; i < count; i++)
        {
            var g = random.Next(groups.Count);
            var theirs = groups[g];
            var participants = new List<string> { owners[g] };
            var n = Math.Min(theirs.Count, random.Next(1, 5));
            var start = random.Next(theirs.Count);
            for (var k = 0; k < n; k++) participants.Add(theirs[(start + k) % theirs.Count]);
            var at = Anchor.AddMinutes(-random.Next(60, 400 * 24 * 60));
            interactions.Add(new InteractionBody($"ix-{i:D6}", at, kinds[random.Next(kinds.Length)], participants));
        }
        return interactions;
    }

    /// <summary>Draws an index with probability proportional to its weight (cumulative weights, binary search).</summary>
    private static Func<Random, int> Sampler(double[] weights)
    {
        var cumulative = new double[weights.Length];
        var sum = 0d;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = sum += weights[i];
        return random =>
        {
            var x = random.NextDouble() * sum;
            var index = Array.BinarySearch(cumulative, x);
            return Math.Min(index < 0 ? ~index : index, weights.Length - 1);
        };
    }

    private static void Shuffle<T>(Random random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
