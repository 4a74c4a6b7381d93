using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>
/// The charter's promise, walked over every endpoint that returns people or relationships: two sellers, a manager and a
/// seller outside the team, with private, team and company relationships to the same customers, and a do-not-contact
/// customer person. Each caller must see exactly what the charter gives it, and nothing of the rest: no hidden
/// relationship's strength or date, no do-not-contact person (except for admins).
/// </summary>
/// <remarks>
/// To walk a new endpoint, add one line to <see cref="Endpoints"/>: a name and the path built from the <see cref="WalkedAccount"/>.
/// Every answer is checked for leaks (hidden relationships' markers, do-not-contact people) and every relationship it
/// shows (any object with <c>ourPerson</c> and <c>theirPerson</c>) must be one the caller may see; give
/// <c>ExactFor</c> (the person whose relationships the answer lists) to also check nothing visible is missing. The walk
/// asks for JSON; give <c>Accept</c> to walk another format of the same endpoint (a picture, a page), whose text is
/// checked for the same leaks and must be well-formed where it is XML.
/// </remarks>
public abstract class LeakWalk : ApiTest
{
    /// <summary>
    /// One endpoint of the walk. <paramref name="ExactFor"/>: the answer lists all visible relationships of that person.
    /// <paramref name="Body"/>: a write's body (sent with <paramref name="Method"/>); every write of the walk re-sends what
    /// is stored, so it changes nothing, and its answer must leak nothing either.
    /// </summary>
    public sealed record LeakEndpoint(string Name, Func<WalkedAccount, string> Path, Func<WalkedAccount, string>? ExactFor = null, string Method = "GET",
        Func<WalkedAccount, object>? Body = null, string Accept = Json)
    {
        public bool IsWrite => Method != "GET";

        public override string ToString() => Name;
    }

    /// <summary>Every endpoint that answers with people, paths or relationships, reads and writes. Add new ones here (one line each).</summary>
    public static readonly LeakEndpoint[] Endpoints =
    [
        new("relationships of customer A", w => $"/api/people/{w.CustomerA}/relationships", w => w.CustomerA),
        new("relationships of customer B", w => $"/api/people/{w.CustomerB}/relationships", w => w.CustomerB),
        new("relationships of the do-not-contact person", w => $"/api/people/{w.DoNotContact}/relationships", w => w.DoNotContact),
        new("relationships of seller 1", w => $"/api/people/{w.Seller1}/relationships", w => w.Seller1),
        new("relationships of seller 2", w => $"/api/people/{w.Seller2}/relationships", w => w.Seller2),
        new("relationships of the manager", w => $"/api/people/{w.Manager}/relationships", w => w.Manager),
        new("relationships of the outsider", w => $"/api/people/{w.Outsider}/relationships", w => w.Outsider),
        new("relationships of the member who left", w => $"/api/people/{w.Leaver}/relationships", w => w.Leaver),
        new("customer people", w => $"/api/organizations/{w.Customer}/people"),
        new("our people", w => $"/api/organizations/{w.Own}/people"),
        new("the do-not-contact person", w => $"/api/people/{w.DoNotContact}"),
        new("customer A", w => $"/api/people/{w.CustomerA}"),
        new("customer B, who reports to the do-not-contact person", w => $"/api/people/{w.CustomerB}"),
        new("the opportunity", w => $"/api/opportunities/{w.Opportunity}"),
        new("the customer's opportunities", w => $"/api/opportunities?organizationId={w.Customer}"),
        new("recommendations", w => $"/api/opportunities/{w.Opportunity}/recommendations?pathsPerTarget=10"),
        new("power map", w => $"/api/opportunities/{w.Opportunity}/power-map"),
        new("orchestration", w => $"/api/opportunities/{w.Opportunity}/orchestration?ahead=4"),
        new("paths from seller 1 to customer A", w => $"/api/paths?from={w.Seller1}&to={w.CustomerA}&k=10"),
        new("paths from seller 2 to customer B", w => $"/api/paths?from={w.Seller2}&to={w.CustomerB}&k=10"),
        new("paths from the manager to customer A", w => $"/api/paths?from={w.Manager}&to={w.CustomerA}&k=10"),
        new("paths from the outsider to customer B", w => $"/api/paths?from={w.Outsider}&to={w.CustomerB}&k=10"),
        new("influencers of the customer", w => $"/api/organizations/{w.Customer}/influencers"),
        new("stored reports of the opportunity", w => $"/api/reports?opportunityId={w.Opportunity}"),
        new("the stored report", w => $"/api/reports/{w.Report}"),
        new("the stored report as a page, with its power map drawn", w => $"/api/reports/{w.Report}", Accept: "text/html"),
        new("the stored report as Markdown", w => $"/api/reports/{w.Report}", Accept: "text/markdown"),
        new("power map as a picture", w => $"/api/opportunities/{w.Opportunity}/power-map", Accept: Svg),
        new("the customer's org chart", w => $"/api/organizations/{w.Customer}/org-chart"),
        new("the customer's org chart as a picture", w => $"/api/organizations/{w.Customer}/org-chart", Accept: Svg),
        new("the division of the do-not-contact person", w => $"/api/organizations/{w.Customer}/org-chart?rootId={w.DoNotContact}"),
        new("the division of the do-not-contact person as a picture", w => $"/api/organizations/{w.Customer}/org-chart?rootId={w.DoNotContact}&depth=1",
            Accept: Svg),
        new("the customer's coverage", w => $"/api/organizations/{w.Customer}/coverage"),
        new("the customer's people changes", w => $"/api/organizations/{w.Customer}/changes?pageSize=100"),
        new("introduction requests", _ => "/api/introductions"),
        new("introduction requests addressed to the caller", _ => "/api/introductions?as=introducer"),
        new("introduction requests the caller made", _ => "/api/introductions?as=requester"),
        .. Writes(),
    ];

    private const string Json = "application/json";
    private const string Svg = "image/svg+xml";

    private static IEnumerable<LeakEndpoint> Writes()
    {
        foreach (var (ours, theirs, name) in new[]
                 {
                     ((Func<WalkedAccount, string>)(w => w.Seller1), (Func<WalkedAccount, string>)(w => w.CustomerA), "seller 1's private one"),
                     (w => w.Seller1, w => w.CustomerB, "seller 1's team one"),
                     (w => w.Seller2, w => w.CustomerA, "seller 2's company one"),
                     (w => w.Seller2, w => w.CustomerB, "seller 2's private one"),
                     (w => w.Manager, w => w.CustomerB, "the manager's private one"),
                     (w => w.Outsider, w => w.CustomerA, "the outsider's team one"),
                     (w => w.Outsider, w => w.DoNotContact, "the one with the do-not-contact person"),
                 })
            yield return new($"re-send {name}", _ => "/api/relationships", Method: "PUT",
                Body: w => new { ourPersonId = ours(w), theirPersonId = theirs(w) });
        yield return new("re-send every relationship as a batch", _ => "/api/relationships/batch", Method: "POST",
            Body: w => w.Relationships.Keys.Select(k => k.Split('|')).Select(k => new { ourPersonId = k[0], theirPersonId = k[1] }).ToList());
        yield return new("re-send the meeting", _ => "/api/interactions", Method: "POST", Body: w => w.Meeting);
        yield return new("re-send the meeting with the do-not-contact person", _ => "/api/interactions", Method: "POST",
            Body: w => w.MeetingWithDoNotContact);
        yield return new("re-send the opportunity", w => $"/api/opportunities/{w.Opportunity}", Method: "PUT", Body: w => w.OpportunityBody);
        yield return new("re-send customer A's membership", w => $"/api/opportunities/{w.Opportunity}/buying-center/{w.CustomerA}",
            Method: "PUT", Body: _ => Member);
        yield return new("re-send seller 1's team place", w => $"/api/opportunities/{w.Opportunity}/team/{w.Seller1}", Method: "PUT",
            Body: _ => new { role = "account-executive" });
        yield return new("re-send customer B", w => $"/api/people/{w.CustomerB}", Method: "PUT",
            Body: w => new { name = "Bob Customer", organizationId = w.Customer });
        yield return new("re-send the customer's org chart", w => $"/api/organizations/{w.Customer}/org-chart", Method: "POST",
            Body: w => new
            {
                mode = "merge",
                people = new object[]
                {
                    new { id = w.CustomerA, name = "Ann Customer" },
                    new { id = w.CustomerB, name = "Bob Customer", managerId = w.DoNotContact },
                },
            });
        yield return new("make a report", _ => "/api/reports", Method: "POST", Body: w => new { opportunityId = w.Opportunity });
        // The import's answer counts and names no one (seller 1's mailbox: other sellers and the manager are refused).
        yield return new("import seller 1's calendar from Microsoft Graph", w => $"/api/interactions/import?mailboxOf={w.Seller1}", Method: "POST",
            Body: _ => CalendarSync);
    }

    private static readonly object CalendarSync = new
    {
        value = new[]
        {
            new
            {
                iCalUId = "leak-walk-calendar-sync",
                start = new { dateTime = "2026-05-01T10:00:00", timeZone = "UTC" },
                organizer = new { emailAddress = new { address = "seller@leakwalk-us.example" } },
                attendees = new[] { new { emailAddress = new { address = "ann@leakwalk-them.example" }, type = "required" } },
            },
        },
    };

    private static readonly object Member = new { roles = new[] { "decider" }, attitude = "neutral", influence = 3 };

    public static readonly string[] Callers = ["admin", "integration", "seller1", "seller2", "manager", "outsider"];

    /// <summary>The test account: ids of everyone and everything, and each relationship with its unique markers.</summary>
    public sealed class WalkedAccount
    {
        public string Own = "", Customer = "", Seller1 = "", Seller2 = "", Manager = "", Outsider = "";
        public string CustomerA = "", CustomerB = "", DoNotContact = "", DoNotContactName = "", Opportunity = "", Report = "";

        /// <summary>A buying-center member who moved to another organization: the deal's member-left gap names them.</summary>
        public string Leaver = "";

        /// <summary>Seller 2's request to seller 1 for an introduction to customer A, waiting: it must show her nothing more.</summary>
        public string Introduction = "";

        /// <summary>The outsider's request to seller 1 for an introduction to customer A, accepted sharing the relationship in detail.</summary>
        public string SharedIntroduction = "";
        public object Meeting = new(), MeetingWithDoNotContact = new(), OpportunityBody = new();

        /// <summary>Relationship key (our|their) → (owner, visibility, strength marker, since marker).</summary>
        public Dictionary<string, (string Owner, string Visibility, double Strength, string Since)> Relationships { get; } = new();

        public Dictionary<string, HttpClient> Clients { get; } = new();

        /// <summary>Which relationships each caller may see in detail, by the charter (managers do not see reports' private ones).</summary>
        public Dictionary<string, HashSet<string>> Visible { get; } = new();
    }

    protected WalkedAccount W { get; } = new();

    protected virtual bool ManagersSeeReportsPrivate => false;

    /// <summary>A client calling as <paramref name="role"/> (acting as <paramref name="personId"/>): by default with a new API key.</summary>
    protected virtual Task<HttpClient> CallerAsync(string role, string? personId = null) =>
        role == "admin" ? Task.FromResult(Client) : ClientAsAsync(role, personId);

    [OneTimeSetUp]
    public async Task BuildWorld()
    {
        if (ManagersSeeReportsPrivate)
        {
            var charter = await Client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
            charter["managersSeeReportsPrivate"] = true;
            await Client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
        }
        var world = new World(Client);
        W.Own = await world.OrganizationAsync("own", "Leakwalk Us");
        W.Customer = await world.OrganizationAsync("customer", "Leakwalk Them");
        W.Manager = await world.PersonAsync(W.Own, "Mona Manager");
        W.Seller1 = await world.PersonAsync(W.Own, "Sam Seller");
        W.Seller2 = await world.PersonAsync(W.Own, "Sid Seller");
        W.Outsider = await world.PersonAsync(W.Own, "Olga Outsider");
        await world.ReportsToAsync(W.Seller1, W.Manager);
        W.CustomerA = await world.PersonAsync(W.Customer, "Ann Customer");
        W.CustomerB = await world.PersonAsync(W.Customer, "Bob Customer");
        W.DoNotContactName = $"Dee Donotcontact {Guid.NewGuid():N}"[..25];
        W.DoNotContact = await world.PersonAsync(W.Customer, W.DoNotContactName, doNotContact: true);

        // Customer B reports to the do-not-contact person, who must not show as B's manager either.
        await world.ReportsToAsync(W.CustomerB, W.DoNotContact);

        W.Opportunity = NewId("opp");
        W.OpportunityBody = new { name = "Leak walk deal", organizationId = W.Customer, stage = "proposal" };
        await PutAsync($"/api/opportunities/{W.Opportunity}", W.OpportunityBody).ShouldBe(HttpStatusCode.Created);
        foreach (var member in new[] { W.CustomerA, W.CustomerB, W.DoNotContact })
            await PutAsync($"/api/opportunities/{W.Opportunity}/buying-center/{member}", Member).ShouldBe(HttpStatusCode.Created);
        foreach (var mate in new[] { W.Seller1, W.Seller2 })
            await PutAsync($"/api/opportunities/{W.Opportunity}/team/{mate}", new { role = "account-executive" }).ShouldBe(HttpStatusCode.Created);

        // Distinct strengths and dates: if one shows in an answer, that relationship's details leaked.
        var day = 1;
        async Task Knows(string ours, string theirs, string visibility, double strength)
        {
            var since = $"2011-0{day % 9 + 1}-{10 + day}";
            day++;
            await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength, since, visibility, source = "crm" })
                .ShouldBe(HttpStatusCode.Created);
            W.Relationships[$"{ours}|{theirs}"] = (ours, visibility, strength, since);
        }
        await Knows(W.Seller1, W.CustomerA, "private", 0.6173);
        await Knows(W.Seller1, W.CustomerB, "team", 0.5381);
        await Knows(W.Seller2, W.CustomerA, "company", 0.4729);
        await Knows(W.Seller2, W.CustomerB, "private", 0.3917);
        await Knows(W.Manager, W.CustomerB, "private", 0.2843);
        await Knows(W.Outsider, W.CustomerA, "team", 0.7159);
        await Knows(W.Outsider, W.DoNotContact, "company", 0.8269);

        // A member who moved on: the deal's member-left gap, the changes feeds and the relationship's theirPersonLeftAt.
        W.Leaver = await world.PersonAsync(W.Customer, "Lou Leaver");
        await PutAsync($"/api/opportunities/{W.Opportunity}/buying-center/{W.Leaver}", Member).ShouldBe(HttpStatusCode.Created);
        await Knows(W.Seller1, W.Leaver, "private", 0.1937);
        var elsewhere = await world.OrganizationAsync("customer", "Leakwalk Elsewhere");
        await PutAsync($"/api/people/{W.Leaver}", new { name = "Lou Leaver", organizationId = elsewhere }).ShouldBe(HttpStatusCode.OK);

        // A meeting recorded before (every pair counted), and one with the do-not-contact person; the walk re-sends both.
        var at = App.Clock.GetUtcNow().AddDays(-1);
        W.Meeting = new { id = NewId("ix"), at, kind = "meeting", participantIds = new[] { W.Seller1, W.Seller2, W.CustomerA, W.CustomerB } };
        W.MeetingWithDoNotContact = new { id = NewId("ix"), at, kind = "call", participantIds = new[] { W.Outsider, W.DoNotContact } };
        await PostAsync("/api/interactions", W.Meeting).ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/interactions", W.MeetingWithDoNotContact).ShouldBe(HttpStatusCode.Created);
        W.Report = (await world.ReportAsync(W.Opportunity)).Id;

        W.Clients["admin"] = await CallerAsync("admin");
        W.Clients["integration"] = await CallerAsync("integration");
        W.Clients["seller1"] = await CallerAsync("seller", W.Seller1);
        W.Clients["seller2"] = await CallerAsync("seller", W.Seller2);
        W.Clients["manager"] = await CallerAsync("manager", W.Manager);
        W.Clients["outsider"] = await CallerAsync("seller", W.Outsider);
        // Seller 2 may not see seller 1's private relationship to customer A, only ask for an introduction through it.
        var asked = await W.Clients["seller2"].PostAsJsonAsync("/api/introductions",
            new { targetId = W.CustomerA, introducerId = W.Seller1, opportunityId = W.Opportunity, note = "Ann decides." })
            .ShouldBe<IntroductionResponse>(HttpStatusCode.Created);
        W.Introduction = asked.Id;
        // The outsider asks seller 1 too, and seller 1 accepts sharing the relationship in detail: the outsider alone sees it.
        var shared = await W.Clients["outsider"].PostAsJsonAsync("/api/introductions",
            new { targetId = W.CustomerA, introducerId = W.Seller1, note = "Ann runs the plant." })
            .ShouldBe<IntroductionResponse>(HttpStatusCode.Created);
        W.SharedIntroduction = shared.Id;
        await W.Clients["seller1"].PostAsJsonAsync($"/api/introductions/{W.SharedIntroduction}/accept", new { share = "relationship" })
            .ShouldBe(HttpStatusCode.OK);

        string K(string ours, string theirs) => $"{ours}|{theirs}";
        W.Visible["admin"] = [.. W.Relationships.Keys];
        W.Visible["integration"] = [K(W.Seller2, W.CustomerA)];
        // Seller 1: their own two, the company one; seller 2 (team-mate) shares nothing at team level.
        W.Visible["seller1"] = [K(W.Seller1, W.CustomerA), K(W.Seller1, W.CustomerB), K(W.Seller2, W.CustomerA), K(W.Seller1, W.Leaver)];
        // Seller 2: their own two, and seller 1's team relationship (same pursuit team).
        W.Visible["seller2"] = [K(W.Seller2, W.CustomerA), K(W.Seller2, W.CustomerB), K(W.Seller1, W.CustomerB)];
        // Manager: their own, the company one, and their report's team one (private too when the charter says so).
        W.Visible["manager"] = [K(W.Manager, W.CustomerB), K(W.Seller2, W.CustomerA), K(W.Seller1, W.CustomerB)];
        if (ManagersSeeReportsPrivate) W.Visible["manager"].UnionWith([K(W.Seller1, W.CustomerA), K(W.Seller1, W.Leaver)]);
        // Outsider: their own (one with a do-not-contact person, hidden from all but admins), the company one, and seller 1's
        // private one, shared in detail on accepting the outsider's introduction request.
        W.Visible["outsider"] = [K(W.Outsider, W.CustomerA), K(W.Seller2, W.CustomerA), K(W.Seller1, W.CustomerA)];
    }

    [OneTimeTearDown]
    public async Task ResetCharter()
    {
        if (ManagersSeeReportsPrivate) await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        foreach (var client in W.Clients.Values)
            if (client != Client) client.Dispose();
    }

    private static IEnumerable<TestCaseData> Walk() =>
        from endpoint in Endpoints
        from caller in Callers
        select new TestCaseData(endpoint, caller).SetName($"{{m}}({endpoint.Name}, {caller})");

    [TestCaseSource(nameof(Walk))]
    public async Task Each_caller_sees_exactly_what_the_charter_gives_it(LeakEndpoint endpoint, string caller)
    {
        var isAdmin = caller == "admin";
        var path = endpoint.Path(W);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        request.Headers.Accept.ParseAdd(endpoint.Accept);
        var body = endpoint.Body?.Invoke(W);
        if (body is not null) request.Content = JsonContent.Create(body);
        var sent = path + (body is null ? "" : JsonSerializer.Serialize(body));
        using var response = await W.Clients[caller].SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        // Do-not-contact: nowhere for anyone but admins (asking for them directly is a 404) — save what the caller sent.
        var aboutDoNotContact = sent.Contains(W.DoNotContact, StringComparison.Ordinal);
        if (!isAdmin && aboutDoNotContact && !endpoint.IsWrite)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), text);
            Assert.That(text, Does.Not.Contain(W.DoNotContactName));
            return;
        }
        if (endpoint.IsWrite)
            Assert.That((int)response.StatusCode, Is.AnyOf(200, 201, 207, 403, 404), text);
        else
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        if (!isAdmin)
        {
            if (!aboutDoNotContact) Assert.That(text, Does.Not.Contain(W.DoNotContact), "a do-not-contact person's id leaked");
            if (!sent.Contains(W.DoNotContactName, StringComparison.Ordinal))
                Assert.That(text, Does.Not.Contain(W.DoNotContactName), "a do-not-contact person's name leaked");
        }

        // No detail of a hidden relationship: its strength and date are unique to it.
        var visible = W.Visible[caller];
        foreach (var (key, relationship) in W.Relationships.Where(r => !visible.Contains(r.Key)))
        {
            Assert.That(text, Does.Not.Contain(relationship.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                $"{caller} sees the strength of hidden {key} in {endpoint.Name}");
            Assert.That(text, Does.Not.Contain(relationship.Since), $"{caller} sees the date of hidden {key} in {endpoint.Name}");
        }

        // Every relationship shown is one the caller may see; where the answer lists a person's relationships, all of them.
        if (text.Length == 0) return;
        if (endpoint.Accept != Json)
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(endpoint.Accept), text);
            if (endpoint.Accept == Svg) Assert.DoesNotThrow(() => XDocument.Parse(text), "the picture is well-formed XML");
            return;
        }
        var json = JsonNode.Parse(text)!;
        var shown = ShownRelationships.In(json).Distinct().ToList();
        Assert.That(shown.Where(k => W.Relationships.ContainsKey(k)), Is.SubsetOf(visible), $"{caller} in {endpoint.Name}");
        if (endpoint.ExactFor?.Invoke(W) is { } person)
        {
            var expected = visible.Where(k => k.Split('|').Contains(person)).ToHashSet();
            Assert.That(shown.ToHashSet(), Is.EquivalentTo(expected), $"{caller} in {endpoint.Name}");
            Assert.That(json["total"]!.GetValue<long>(), Is.EqualTo(expected.Count), "hidden relationships must not count");
        }
    }

    [Test]
    public async Task Introduction_events_show_the_webhook_nothing_every_seller_may_not_see()
    {
        // Rendered as the outbox renders them when they are sent: for every seller, under today's charter.
        var events = App.Services.GetServices<IOutboxRenderer>().OfType<IntroductionEvents>().Single();
        var visible = W.Visible["integration"];
        foreach (var (id, kind) in new[] { (W.Introduction, "introduction.requested"), (W.SharedIntroduction, "introduction.accepted") })
        {
            var rendered = await events.RenderAsync(new OutboxEntry($"out-{id}", kind, id, null, App.Clock.GetUtcNow()), CancellationToken.None);
            var text = rendered!.Message.Body;
            Assert.That(text, Does.Contain(id));
            Assert.That(text, Does.Not.Contain(W.DoNotContact).And.Not.Contain(W.DoNotContactName));
            Assert.That(text, Does.Not.Contain("Ann decides").And.Not.Contain("Ann runs the plant"), "never the note");
            foreach (var (key, relationship) in W.Relationships.Where(r => !visible.Contains(r.Key)))
            {
                Assert.That(text, Does.Not.Contain(relationship.Strength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    $"the {kind} event shows the strength of hidden {key}");
                Assert.That(text, Does.Not.Contain(relationship.Since), $"the {kind} event shows the date of hidden {key}");
            }
        }
    }

    [Test]
    public async Task The_walks_writes_changed_nothing_the_charter_guards()
    {
        // Run after (or before) the walk, whichever order NUnit picks: the stored details are the ones the world was built with.
        foreach (var (key, relationship) in W.Relationships)
        {
            var ends = key.Split('|');
            var page = await Client.GetAsync($"/api/people/{ends[0]}/relationships?pageSize=500")
                .ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
            var stored = page.Items.Single(i => i.TheirPerson.Id == ends[1]);
            Assert.That(stored.Strength.Declared, Is.EqualTo(relationship.Strength), key);
            Assert.That(stored.Since, Is.EqualTo(DateOnly.ParseExact(relationship.Since, "yyyy-MM-dd")), key);
            Assert.That(stored.Visibility, Is.EqualTo(Enum.Parse<Visibility>(relationship.Visibility, ignoreCase: true)), key);
            Assert.That(stored.OwnerId, Is.EqualTo(relationship.Owner), key);
        }
    }

    [Test]
    public async Task Every_read_of_relationships_is_audited_with_the_caller_and_what_it_showed()
    {
        var key = await Keys.CreateAsync("seller", W.Seller2);
        using var client = Keys.ClientFor(key.Secret);
        await client.GetAsync($"/api/people/{W.CustomerB}/relationships").ShouldBe(HttpStatusCode.OK);
        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(key.Name)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.That(audit.Total, Is.EqualTo(1));
        var entry = audit.Items[0];
        Assert.That(entry.CallerKeyId, Is.EqualTo(key.Id));
        Assert.That(entry.CallerRole, Is.EqualTo("seller"));
        Assert.That(entry.Endpoint, Is.EqualTo("/api/people/{id}/relationships"));
        Assert.That(entry.At, Is.EqualTo(App.Clock.GetUtcNow()));
        Assert.That(entry.Relationships,
            Is.EquivalentTo(new[] { $"{W.Seller2}|{W.CustomerB}", $"{W.Seller1}|{W.CustomerB}" }));

        var since = Uri.EscapeDataString(App.Clock.GetUtcNow().AddMinutes(1).ToString("O"));
        var later = await Client.GetAsync($"/api/audit?since={since}&callerKeyName={Uri.EscapeDataString(key.Name)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.That(later.Total, Is.Zero);
    }
}

/// <summary>The walk with the configured charter (managers do not see their reports' private relationships).</summary>
public sealed class LeakWalkTests : LeakWalk;

/// <summary>The same walk with a charter that lets managers see their reports' private relationships.</summary>
public sealed class LeakWalkWithManagersSeeingPrivateTests : LeakWalk
{
    protected override bool ManagersSeeReportsPrivate => true;
}

/// <summary>
/// The same walk with every caller signed on with a token instead of an API key: role and person come from the token's
/// claims, and the charter gives each exactly what it gives the same role's key.
/// </summary>
public sealed class LeakWalkWithTokenCallersTests : LeakWalk
{
    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    protected override Task<HttpClient> CallerAsync(string role, string? personId = null) =>
        Task.FromResult(App.CreateClientWithKey(TestTokens.Mint(role, personId, subject: $"{role}-{personId ?? "any"}")));
}
