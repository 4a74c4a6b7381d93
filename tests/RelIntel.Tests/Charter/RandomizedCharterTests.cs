using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>
/// The charter checked at random, with fixed seeds: many small accounts (random hierarchies, visibilities, owners,
/// pursuit teams, do-not-contact people, charter settings), random callers of every role and random calls, reads and
/// writes. No answer may hold a hidden relationship's strength or date, or name a do-not-contact person to anyone but an
/// admin — save what the caller itself sent — and every relationship an answer shows must be one the caller may see,
/// by an independent model of the charter written here.
/// </summary>
/// <remarks>
/// Every relationship carries a strength and a since date unique to it, so either one in an answer means its details
/// left the graph. Sources are words shared by many relationships; a hidden one's source could only show inside a shown
/// relationship object, which the visibility check refuses.
/// </remarks>
[NonParallelizable]
public sealed class RandomizedCharterTests : ApiTest
{
    private const int CallsPerScenario = 90;

    private sealed record Relationship(string Ours, string Theirs, string Owner, string Visibility, double Strength, string Since)
    {
        public string Key => $"{Ours}|{Theirs}";
    }

    private sealed record CallerKey(string Name, string Role, string? PersonId, HttpClient Client);

    /// <summary>One random account, as built through the API, and the charter's rules for it worked out independently.</summary>
    private sealed class RandomAccount
    {
        public List<string> Ours { get; } = [];
        public List<string> Theirs { get; } = [];
        public Dictionary<string, string> Names { get; } = [];
        public HashSet<string> DoNotContact { get; } = [];
        public Dictionary<string, List<string>> ManagersOf { get; } = [];
        public List<Relationship> Relationships { get; } = [];
        public HashSet<string> Team { get; } = [];
        public List<string> BuyingCenter { get; } = [];
        public List<CallerKey> Callers { get; } = [];
        public string Own = "", Customer = "", Opportunity = "", Elsewhere = "", ElsewhereName = "";

        /// <summary>People who moved into the customer from <see cref="Elsewhere"/>, our relationships with them following.</summary>
        public HashSet<string> MovedIn { get; } = [];
        /// <summary>The buying-center member who moved to <see cref="Elsewhere"/>.</summary>
        public string Leaver { get; set; } = "";
        public object OpportunityBody = new();
        public List<object> Meetings { get; } = [];

        /// <summary>The same meetings as a calendar sync sends them (Microsoft Graph events): importing one changes nothing.</summary>
        public List<object> CalendarSyncs { get; } = [];

        public Dictionary<string, string> Emails { get; } = [];
        public bool ManagersSeePrivate;

        /// <summary>Everyone below <paramref name="manager"/> along solid and dotted lines.</summary>
        public HashSet<string> ReportsOf(string manager)
        {
            var found = new HashSet<string>();
            var frontier = new Queue<string>([manager]);
            while (frontier.TryDequeue(out var current))
                foreach (var (person, managers) in ManagersOf)
                    if (managers.Contains(current) && found.Add(person)) frontier.Enqueue(person);
            found.Remove(manager);
            return found;
        }

        /// <summary>The charter, as docs/charter.md states it, for one caller and one relationship.</summary>
        public bool Sees(CallerKey caller, Relationship r)
        {
            if (caller.Role == "admin" || r.Visibility == "company") return true;
            if (caller.PersonId is not { } me) return false;
            if (r.Owner == me) return true;
            var reports = ReportsOf(me);
            var teamMates = Team.Contains(me) ? Team.Where(t => t != me) : [];
            if (r.Visibility == "team" && (reports.Contains(r.Owner) || teamMates.Contains(r.Owner))) return true;
            return r.Visibility == "private" && caller.Role == "manager" && ManagersSeePrivate && reports.Contains(r.Owner);
        }
    }

    private static IEnumerable<int> Seeds() => Enumerable.Range(1, 12);

    [TestCaseSource(nameof(Seeds))]
    public async Task No_random_call_by_a_random_caller_shows_what_the_charter_hides(int seed)
    {
        var random = new Random(seed);
        var world = await BuildAsync(random);
        try
        {
            var calls = Calls(world).ToList();
            for (var i = 0; i < CallsPerScenario; i++)
            {
                var caller = world.Callers[random.Next(world.Callers.Count)];
                var (name, method, path, body, accept) = calls[random.Next(calls.Count)](random);
                await CheckAsync(world, caller, $"seed {seed}, call {i}: {caller.Name} {name}", method, path, body, accept);
            }
        }
        finally
        {
            await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
            foreach (var caller in world.Callers.Where(c => c.Role != "admin")) caller.Client.Dispose();
        }
    }

    private static IEnumerable<int> IntroductionSeeds() => Enumerable.Range(1, 4);

    /// <summary>
    /// An introduction shows the fixed trust and nothing else: one relationship, hidden from the callers asking, is set to
    /// two different strengths above the introduction trust, and every answer that chooses routes is the same, byte for
    /// byte, for both; set below the trust, it is offered nowhere. So the answers reveal at most which side of the trust it is.
    /// </summary>
    [TestCaseSource(nameof(IntroductionSeeds))]
    public async Task What_an_introduction_shows_never_varies_with_the_hidden_strength(int seed)
    {
        var random = new Random(seed);
        var world = await BuildAsync(random);
        try
        {
            var charter = await Client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
            charter["introductionsAllowed"] = true;
            await Client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
            var ours = world.Ours[random.Next(world.Ours.Count)];
            var reachable = world.Theirs.Where(t => !world.DoNotContact.Contains(t)).ToList();
            var theirs = reachable[random.Next(reachable.Count)];
            var hidden = new Relationship(ours, theirs, ours, "private", 0, "2000-01-01");
            var callers = world.Callers.Where(c => c.Role != "admin" && !world.Sees(c, hidden)).ToList();
            Assert.That(callers.Select(c => c.Role), Does.Contain("integration"));
            var (requester, introduction) = await AcceptedRouteShareAsync(hidden, callers);

            var strong = await RouteAnswersAsync(world, hidden, 0.61237, callers, introduction);
            var stronger = await RouteAnswersAsync(world, hidden, 0.93417, callers, introduction);
            var weak = await RouteAnswersAsync(world, hidden, 0.31297, callers, introduction);
            // The requester's accepted share confirms the route whatever it is worth: the weak check is for everyone else.
            var weakElsewhere = weak.Where(a => requester is null || !a.Call.StartsWith(requester.Name + " ", StringComparison.Ordinal));

            Assert.Multiple(() =>
            {
                foreach (var ((call, first), second) in strong.Zip(stronger))
                    Assert.That(second.Text, Is.EqualTo(first), $"seed {seed}: {call} differs with the hidden strength");
                Assert.That(strong.Count(a => Introduces(a.Text, hidden)), Is.GreaterThan(0), $"seed {seed}: the introduction is offered");
                Assert.That(weakElsewhere.Where(a => Introduces(a.Text, hidden)).Select(a => a.Call), Is.Empty,
                    $"seed {seed}: a relationship worth less than the introduction trust is no introduction");
                foreach (var (call, text) in strong.Concat(stronger).Concat(weak))
                    Assert.That(text, Does.Not.Contain("0.61237").And.Not.Contain("0.93417").And.Not.Contain("0.31297"), $"seed {seed}: {call}");
            });
        }
        finally
        {
            await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
            foreach (var caller in world.Callers.Where(c => c.Role != "admin")) caller.Client.Dispose();
        }
    }

    /// <summary>
    /// One of the callers who may not see the hidden relationship (a seller or manager other than its owner) asks its owner
    /// for the introduction, and the owner accepts sharing the route only: what that caller is shown, and the events the
    /// webhook is sent, must not vary with the hidden strength either. Null where no caller qualifies.
    /// </summary>
    private async Task<(CallerKey? Requester, string? Introduction)> AcceptedRouteShareAsync(Relationship hidden, List<CallerKey> callers)
    {
        var requester = callers.FirstOrDefault(c => c.Role is "seller" or "manager" && c.PersonId is { } person && person != hidden.Ours);
        if (requester is null) return (null, null);
        using var set = await PutAsync("/api/relationships", new
        {
            ourPersonId = hidden.Ours, theirPersonId = hidden.Theirs, strength = 0.61237, ownerId = hidden.Owner, visibility = hidden.Visibility,
        });
        Assert.That((int)set.StatusCode, Is.AnyOf(200, 201));
        var asked = await requester.Client.PostAsJsonAsync("/api/introductions", new { targetId = hidden.Theirs, introducerId = hidden.Ours })
            .ShouldBe<IntroductionResponse>(HttpStatusCode.Created);
        var id = asked.Id;
        using var introducer = await Keys.ClientAsync("seller", hidden.Ours);
        await introducer.PostAsJsonAsync($"/api/introductions/{id}/accept", new { share = "route" }).ShouldBe(HttpStatusCode.OK);
        return (requester, id);
    }

    /// <summary>The events of <paramref name="introduction"/> as the outbox renders them for the webhook (every seller's view).</summary>
    private async Task<List<(string Call, string Text)>> EventsAsync(string? introduction)
    {
        if (introduction is null) return [];
        var events = App.Services.GetServices<IOutboxRenderer>().OfType<IntroductionEvents>().Single();
        var rendered = new List<(string, string)>();
        foreach (var kind in new[] { "introduction.requested", "introduction.accepted" })
        {
            var entry = new OutboxEntry($"out-{introduction}-{kind}", kind, introduction, null, App.Clock.GetUtcNow());
            rendered.Add(($"event {kind}", (await events.RenderAsync(entry, CancellationToken.None))!.Message.Body));
        }
        return rendered;
    }

    /// <summary>Sets the hidden relationship's strength, then asks every call that chooses routes as each caller.</summary>
    private async Task<List<(string Call, string Text)>> RouteAnswersAsync(RandomAccount w, Relationship hidden, double strength, List<CallerKey> callers,
        string? introduction)
    {
        using var sent = await PutAsync("/api/relationships", new
        {
            ourPersonId = hidden.Ours, theirPersonId = hidden.Theirs, strength, ownerId = hidden.Owner, visibility = hidden.Visibility,
        });
        Assert.That((int)sent.StatusCode, Is.AnyOf(200, 201));
        var calls = new List<(string Path, string? Accept)>
        {
            ($"/api/opportunities/{w.Opportunity}/recommendations?pathsPerTarget=10", null),
            ($"/api/opportunities/{w.Opportunity}/power-map", null),
            ($"/api/opportunities/{w.Opportunity}/power-map", "image/svg+xml"),
            ($"/api/opportunities/{w.Opportunity}/orchestration?ahead=4", null),
            ($"/api/organizations/{w.Customer}/coverage", null),
            ($"/api/organizations/{w.Customer}/org-chart", null),
            ($"/api/organizations/{w.Customer}/org-chart", "image/svg+xml"),
        };
        calls.AddRange(w.Ours.Select(from => ($"/api/paths?from={from}&to={hidden.Theirs}&k=10", (string?)null)));
        calls.Add(("/api/introductions", null));
        var answers = new List<(string, string)>();
        foreach (var caller in callers)
        foreach (var (path, accept) in calls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            using var response = await caller.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{caller.Name} {path}: {text}");
            answers.Add(($"{caller.Name} {path} {accept}", text));
        }
        answers.AddRange(await EventsAsync(introduction));
        return answers;
    }

    /// <summary>Whether a JSON answer offers the relationship as an introduction: a path hop, or an org chart's or coverage's way in.</summary>
    private static bool Introduces(string text, Relationship r)
    {
        if (!text.StartsWith('{')) return false;
        return Walk(JsonNode.Parse(text)).Any(o =>
            (o["type"]?.GetValue<string>() == "introduction" && o["from"]?["id"]?.GetValue<string>() == r.Ours && o["to"]?["id"]?.GetValue<string>() == r.Theirs)
            || (o["owner"]?["id"]?.GetValue<string>() == r.Ours && o["theirPerson"]?["id"]?.GetValue<string>() == r.Theirs));

        static IEnumerable<JsonObject> Walk(JsonNode? node) => node switch
        {
            JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => Walk(p.Value))),
            JsonArray array => array.SelectMany(Walk),
            _ => [],
        };
    }

    private async Task CheckAsync(RandomAccount world, CallerKey caller, string what, string method, string path, object? body, string? accept)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        if (body is not null) request.Content = JsonContent.Create(body);
        var sent = path + (body is null ? "" : JsonSerializer.Serialize(body));
        using var response = await caller.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.LessThan(500), $"{what}: {text}");

        foreach (var r in world.Relationships.Where(r => !world.Sees(caller, r)))
        {
            Assert.That(Regex.IsMatch(text, $@"(?<![\d.]){Regex.Escape(Marker(r.Strength))}(?!\d)"), Is.False,
                $"{what} shows the strength of hidden {r} to {Circle(world, caller)}: {text}");
            Assert.That(text, Does.Not.Contain(r.Since), $"{what} shows the date of hidden {r} to {Circle(world, caller)}: {text}");
            Assert.That(text, Does.Not.Contain($"{world.Names[r.Ours]} knows {world.Names[r.Theirs]}"),
                $"{what} says who has hidden {r} to {Circle(world, caller)}: {text}");
            if (world.MovedIn.Contains(r.Theirs))
                Assert.That(text, Does.Not.Contain($"moved here from {world.ElsewhereName}; {world.Names[r.Ours]} knows them"),
                    $"{what} says who has hidden {r} to {Circle(world, caller)}: {text}");
        }
        if (caller.Role != "admin")
        {
            foreach (var hidden in world.DoNotContact)
            {
                if (!sent.Contains(hidden, StringComparison.Ordinal))
                    Assert.That(text, Does.Not.Contain(hidden), $"{what} names do-not-contact {hidden}: {text}");
                if (!sent.Contains(world.Names[hidden], StringComparison.Ordinal))
                    Assert.That(text, Does.Not.Contain(world.Names[hidden]), $"{what} names do-not-contact {hidden}: {text}");
            }
        }
        if (path.StartsWith("/api/interactions/import", StringComparison.Ordinal) && response.IsSuccessStatusCode)
        {
            // An import's answer counts and names no one: its five counts, and nobody's id, name or address.
            Assert.That(JsonNode.Parse(text)!.AsObject().Select(p => p.Key),
                Is.EquivalentTo(new[] { "read", "recorded", "duplicates", "skipped", "unmatchedAddresses" }), $"{what}: {text}");
            foreach (var (person, name) in world.Names)
                Assert.That(text, Does.Not.Contain(person).And.Not.Contain(name).And.Not.Contain(world.Emails[person]), $"{what} names {person}: {text}");
        }
        if (text.Length == 0 || !text.StartsWith('{') && !text.StartsWith('[')) return;
        var byKey = world.Relationships.ToDictionary(r => r.Key);
        foreach (var key in ShownRelationships.In(JsonNode.Parse(text)))
            if (byKey.TryGetValue(key, out var r))
                Assert.That(world.Sees(caller, r), Is.True, $"{what} shows hidden {r} to {Circle(world, caller)}: {text}");
    }

    private static string Marker(double strength) => strength.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Circle(RandomAccount world, CallerKey caller) => caller.PersonId is not { } me
        ? caller.Role
        : $"{caller.Role} {me} (reports {string.Join(",", world.ReportsOf(me))}; team {string.Join(",", world.Team)}; " +
          $"managers see private: {world.ManagersSeePrivate})";

    private async Task<RandomAccount> BuildAsync(Random random)
    {
        var world = new RandomAccount { ManagersSeePrivate = random.Next(2) == 0 };
        var charter = await Client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        charter["managersSeeReportsPrivate"] = world.ManagersSeePrivate;
        charter["introductionsAllowed"] = random.Next(3) > 0;
        await Client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);

        world.Own = await World.OrganizationAsync("own", "Us");
        world.Customer = await World.OrganizationAsync("customer", "Them");
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < random.Next(3, 6); i++)
        {
            var name = $"Our{i} {tag}";
            var email = $"our{i}.{tag}@us-{tag}.example";
            var id = await World.PersonAsync(world.Own, name, email);
            world.Emails[id] = email;
            world.Ours.Add(id);
            world.Names[id] = name;
        }
        for (var i = 0; i < random.Next(3, 7); i++)
        {
            var name = $"Their{i} {tag}";
            var doNotContact = random.Next(4) == 0;
            var email = $"their{i}.{tag}@them-{tag}.example";
            var id = await World.PersonAsync(world.Customer, name, email, doNotContact: doNotContact);
            world.Emails[id] = email;
            world.Theirs.Add(id);
            world.Names[id] = name;
            if (doNotContact) world.DoNotContact.Add(id);
        }

        // Reporting lines: each person after the first may report (solid) to an earlier one, and sometimes dotted to another.
        foreach (var side in new[] { world.Ours, world.Theirs })
            for (var i = 1; i < side.Count; i++)
            {
                world.ManagersOf[side[i]] = [];
                if (random.Next(3) == 0) continue;
                var manager = side[random.Next(i)];
                await World.ReportsToAsync(side[i], manager);
                world.ManagersOf[side[i]].Add(manager);
                if (i > 1 && random.Next(3) == 0)
                {
                    var dotted = side[random.Next(i)];
                    if (dotted == manager) continue;
                    await World.ReportsToAsync(side[i], dotted, "dotted");
                    world.ManagersOf[side[i]].Add(dotted);
                }
            }
        for (var i = 0; i < 2 && world.Theirs.Count > 2; i++)
        {
            var a = world.Theirs[random.Next(world.Theirs.Count)];
            var b = world.Theirs[random.Next(world.Theirs.Count)];
            if (a == b) continue;
            using var influence = await PutAsync("/api/influences", new { fromId = a, toId = b, strength = 0.7, kind = "advisor" });
            Assert.That((int)influence.StatusCode, Is.AnyOf(200, 201));
        }

        // Relationships, each with a strength and a date no other one has.
        var markers = Enumerable.Range(0, 999).OrderBy(_ => random.Next()).ToList();
        var day = 0;
        foreach (var ours in world.Ours)
            foreach (var theirs in world.Theirs.Where(_ => random.Next(2) == 0))
            {
                // Five decimals ending in 7: no score the service computes is likely to print as one of them. Half are
                // worth less than the introduction trust (0.4), half more: hidden ones serve as introductions or not.
                var strength = Math.Round((random.Next(2) == 0 ? 0.1 : 0.5) + markers[day] / 10_000.0 + 0.00007, 5);
                var since = new DateOnly(2001, 1, 1).AddDays(day * 3 + random.Next(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                day++;
                var owner = random.Next(4) == 0 ? world.Ours[random.Next(world.Ours.Count)] : ours;
                var visibility = new[] { "private", "team", "company" }[random.Next(3)];
                await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength, since, ownerId = owner, visibility, source = "crm" })
                    .ShouldBe(HttpStatusCode.Created);
                world.Relationships.Add(new Relationship(ours, theirs, owner, visibility, strength, since));
            }

        world.Opportunity = NewId("opp");
        world.OpportunityBody = new { name = $"Deal {tag}", organizationId = world.Customer, stage = "proposal" };
        await PutAsync($"/api/opportunities/{world.Opportunity}", world.OpportunityBody).ShouldBe(HttpStatusCode.Created);
        foreach (var theirs in world.Theirs.Where(_ => random.Next(3) > 0))
        {
            var roles = new[] { new[] { "decider" }, new[] { "approver" }, new[] { "user", "influencer" }, new[] { "buyer" } }[random.Next(4)];
            var attitude = new[] { "champion", "supporter", "neutral", "skeptic", "opponent" }[random.Next(5)];
            await PutAsync($"/api/opportunities/{world.Opportunity}/buying-center/{theirs}", new { roles, attitude, influence = random.Next(1, 6) })
                .ShouldBe(HttpStatusCode.Created);
            world.BuyingCenter.Add(theirs);
        }
        foreach (var ours in world.Ours.Where(_ => random.Next(2) == 0))
        {
            await PutAsync($"/api/opportunities/{world.Opportunity}/team/{ours}", new { role = "account-executive" }).ShouldBe(HttpStatusCode.Created);
            world.Team.Add(ours);
        }
        // People move: a buying-center member leaves for another organization (the deal's member-left gap, both changes
        // feeds and the report's people changes name them, do-not-contact ones to admins only), and someone we know there
        // moves into the customer (routes to them say "moved here from …", naming who knows them only where allowed).
        world.ElsewhereName = $"Elsewhere {tag}";
        world.Elsewhere = await World.OrganizationAsync("customer", world.ElsewhereName);
        {
            var name = $"Leaver {tag}";
            var doNotContact = random.Next(3) == 0;
            var email = $"leaver.{tag}@them-{tag}.example";
            var leaver = await World.PersonAsync(world.Customer, name, email, doNotContact: doNotContact);
            world.Leaver = leaver;
            world.Names[leaver] = name;
            world.Emails[leaver] = email;
            if (doNotContact) world.DoNotContact.Add(leaver);
            await PutAsync($"/api/opportunities/{world.Opportunity}/buying-center/{leaver}", new { roles = new[] { "decider" }, attitude = "supporter" })
                .ShouldBe(HttpStatusCode.Created);
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await PutAsync($"/api/people/{leaver}", new { name, organizationId = world.Elsewhere }).ShouldBe(HttpStatusCode.OK);
        }
        {
            var name = $"Mover {tag}";
            var email = $"mover.{tag}@elsewhere-{tag}.example";
            var mover = await World.PersonAsync(world.Elsewhere, name, email);
            world.Names[mover] = name;
            world.Emails[mover] = email;
            var ours = world.Ours[random.Next(world.Ours.Count)];
            var strength = Math.Round(0.5 + markers[day] / 10_000.0 + 0.00007, 5);
            var since = new DateOnly(2001, 1, 1).AddDays(day * 3 + random.Next(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            day++;
            var visibility = new[] { "private", "team", "company" }[random.Next(3)];
            await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = mover, strength, since, visibility, source = "crm" })
                .ShouldBe(HttpStatusCode.Created);
            world.Relationships.Add(new Relationship(ours, mover, ours, visibility, strength, since));
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await PutAsync($"/api/people/{mover}", new { name, organizationId = world.Customer }).ShouldBe(HttpStatusCode.OK);
            await PutAsync($"/api/opportunities/{world.Opportunity}/buying-center/{mover}", new { roles = new[] { "approver" }, attitude = "neutral" })
                .ShouldBe(HttpStatusCode.Created);
            world.Theirs.Add(mover);
            world.ManagersOf[mover] = [];
            world.BuyingCenter.Add(mover);
            world.MovedIn.Add(mover);
        }

        // Meetings recorded before: re-sending them changes nothing.
        for (var i = 0; i < 2; i++)
        {
            // The id a calendar import gives the meeting of this UID, at a whole second (as calendars have them).
            var uid = NewId("ix");
            var now = App.Clock.GetUtcNow();
            var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddDays(-random.Next(1, 30));
            var (ours, theirs) = (world.Ours[random.Next(world.Ours.Count)], world.Theirs[random.Next(world.Theirs.Count)]);
            var meeting = new { id = $"cal-{uid}", at, kind = "meeting", participantIds = new[] { ours, theirs } };
            await PostAsync("/api/interactions", meeting).ShouldBe(HttpStatusCode.Created);
            world.CalendarSyncs.Add(new
            {
                value = new[]
                {
                    new
                    {
                        iCalUId = uid,
                        start = new { dateTime = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), timeZone = "UTC" },
                        organizer = new { emailAddress = new { address = world.Emails[ours] } },
                        attendees = new[] { new { emailAddress = new { address = world.Emails[theirs] }, type = "required" } },
                    },
                },
            });
            world.Meetings.Add(meeting);
        }
        // The stored report the callers read has a people-changes section to leak from: the mover, and the leaver unless
        // do-not-contact (a report is written for its readers, so it never holds a change about a do-not-contact person).
        var report = (await PostAsync("/api/reports", new { opportunityId = world.Opportunity })
            .ShouldBe<List<ReportResponse>>(HttpStatusCode.Created)).Single();
        var changes = report.PeopleChanges!.Items.Select(c => (c.Kind, c.Person.Id)).ToList();
        Assert.That(changes, Does.Contain(("moved-in", world.MovedIn.Single())));
        Assert.That(changes.Contains(("moved-out", world.Leaver)), Is.EqualTo(!world.DoNotContact.Contains(world.Leaver)));

        world.Callers.Add(new CallerKey("admin", "admin", null, Client));
        world.Callers.Add(new CallerKey("integration", "integration", null, await ClientAsAsync("integration")));
        foreach (var ours in world.Ours)
        {
            var role = random.Next(2) == 0 ? "seller" : "manager";
            world.Callers.Add(new CallerKey($"{role} {world.Names[ours]}", role, ours, await ClientAsAsync(role, ours)));
        }
        return world;
    }

    /// <summary>The calls a caller may make at random: each picks its own random arguments (and, for pictures and pages, the format).</summary>
    private static IEnumerable<Func<Random, (string Name, string Method, string Path, object? Body, string? Accept)>> Calls(RandomAccount w)
    {
        string Anyone(Random r) => r.Next(2) == 0 ? w.Ours[r.Next(w.Ours.Count)] : w.Theirs[r.Next(w.Theirs.Count)];
        string Ours(Random r) => w.Ours[r.Next(w.Ours.Count)];
        string Theirs(Random r) => w.Theirs[r.Next(w.Theirs.Count)];

        yield return r => ("relationships of someone", "GET", $"/api/people/{Anyone(r)}/relationships?pageSize=500", null, null);
        yield return r => ("someone", "GET", $"/api/people/{Anyone(r)}", null, null);
        yield return _ => ("the customer's people", "GET", $"/api/organizations/{w.Customer}/people?pageSize=500", null, null);
        yield return _ => ("our people", "GET", $"/api/organizations/{w.Own}/people?pageSize=500", null, null);
        yield return _ => ("the opportunity", "GET", $"/api/opportunities/{w.Opportunity}", null, null);
        yield return _ => ("the customer's opportunities", "GET", $"/api/opportunities?organizationId={w.Customer}", null, null);
        yield return r => ("recommendations", "GET", $"/api/opportunities/{w.Opportunity}/recommendations?pathsPerTarget={r.Next(1, 11)}", null, null);
        yield return _ => ("the power map", "GET", $"/api/opportunities/{w.Opportunity}/power-map", null, null);
        yield return r => ("the orchestration", "GET", $"/api/opportunities/{w.Opportunity}/orchestration?ahead={r.Next(0, 5)}", null, null);
        yield return r => ("paths", "GET", $"/api/paths?from={Ours(r)}&to={Theirs(r)}&k=10", null, null);
        yield return _ => ("influencers", "GET", $"/api/organizations/{w.Customer}/influencers?top=100", null, null);
        yield return _ => ("reports", "GET", $"/api/reports?opportunityId={w.Opportunity}", null, null);
        yield return _ => ("a new report", "POST", "/api/reports", new { opportunityId = w.Opportunity }, null);
        yield return r => ("a relationship re-sent", "PUT", "/api/relationships", new { ourPersonId = Ours(r), theirPersonId = Theirs(r) }, null);
        yield return r =>
        {
            var pairs = Enumerable.Range(0, r.Next(1, 6)).Select(_ => new { ourPersonId = Ours(r), theirPersonId = Theirs(r) }).Distinct().ToList();
            return ("relationships re-sent as a batch", "POST", "/api/relationships/batch", pairs, null);
        };
        yield return r => ("a meeting re-sent", "POST", "/api/interactions", w.Meetings[r.Next(w.Meetings.Count)], null);
        // Only sellers and managers importing their own mailbox are let in; the answer counts and names no one.
        yield return r => ("a meeting re-imported from a calendar sync", "POST", $"/api/interactions/import?mailboxOf={Ours(r)}",
            w.CalendarSyncs[r.Next(w.CalendarSyncs.Count)], null);
        yield return _ => ("the opportunity re-sent", "PUT", $"/api/opportunities/{w.Opportunity}", w.OpportunityBody, null);
        // Only places already taken: a new team-mate would widen who sees team relationships (the model's world would differ).
        if (w.Team.Count > 0)
            yield return r => ("a team place re-sent", "PUT", $"/api/opportunities/{w.Opportunity}/team/{w.Team.ElementAt(r.Next(w.Team.Count))}",
                new { role = "account-executive" }, null);
        yield return r =>
        {
            var person = Theirs(r);
            return ("a person re-sent", "PUT", $"/api/people/{person}", new { name = w.Names[person], organizationId = w.Customer }, null);
        };
        yield return _ => ("the power map as a picture", "GET", $"/api/opportunities/{w.Opportunity}/power-map", null, "image/svg+xml");
        yield return r => ("the org chart", "GET", $"/api/organizations/{w.Customer}/org-chart{Division(r)}", null, null);
        yield return r => ("the org chart as a picture", "GET", $"/api/organizations/{w.Customer}/org-chart{Division(r)}", null, "image/svg+xml");
        yield return _ => ("the account's coverage", "GET", $"/api/organizations/{w.Customer}/coverage", null, null);
        yield return _ => ("the reports as pages", "GET", $"/api/reports?opportunityId={w.Opportunity}", null, "text/html");
        yield return r => ("the customer's people changes", "GET", $"/api/organizations/{w.Customer}/changes?pageSize={r.Next(1, 101)}", null, null);
        yield return _ => ("our people changes", "GET", $"/api/organizations/{w.Own}/changes?pageSize=100", null, null);
        // Asking reveals nothing (a route the caller may not see, a do-not-contact target and a stranger are answered alike), and
        // a waiting request shows the requester nothing more than the route.
        yield return r => ("an introduction asked for", "POST", "/api/introductions", new { targetId = Theirs(r), introducerId = Ours(r) }, null);
        yield return r => ("introduction requests", "GET",
            $"/api/introductions{new[] { "", "?as=requester", "?as=introducer", "?as=approver" }[r.Next(4)]}", null, null);
        yield return _ => ("the other organization's people changes", "GET", $"/api/organizations/{w.Elsewhere}/changes?pageSize=100", null, null);
        string Division(Random r) => r.Next(2) == 0 ? "" : $"?rootId={Theirs(r)}&depth={r.Next(0, 4)}";
    }
}
