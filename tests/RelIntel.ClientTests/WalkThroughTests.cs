using RelIntel.Client;

namespace RelIntel.Tests.Client;

/// <summary>
/// An integrator's view: the generated client alone builds the README's walk-through account (the one in
/// deploy/demo/globex-account.json) and reads back whom to reach, through whom, and the power map.
/// </summary>
public sealed class WalkThroughTests : ClientTest
{
    private const string Opportunity = "opp-globex-platform";

    [OneTimeSetUp]
    public async Task BuildTheAccountThroughTheClient()
    {
        // Organizations: ours, the customer, a partner and a competitor.
        await Client.UpsertOrganizationAsync("acme", new OrganizationRequest
        {
            Name = "Acme Analytics", Kind = OrganizationKind.Own, Domain = "acme-analytics.example", Industry = "Software",
        });
        await Client.UpsertOrganizationAsync("globex", new OrganizationRequest
        {
            Name = "Globex Corporation", Kind = OrganizationKind.Customer, Domain = "globex.example", Industry = "Manufacturing",
        });
        await Client.UpsertOrganizationAsync("northwind", new OrganizationRequest
        {
            Name = "Northwind Advisory", Kind = OrganizationKind.Partner, Domain = "northwind-advisory.example",
        });
        await Client.UpsertOrganizationAsync("initech", new OrganizationRequest
        {
            Name = "Initech", Kind = OrganizationKind.Competitor, Domain = "initech.example",
        });

        // Both org charts in bulk; the customer's dotted line is drawn on its own afterwards.
        var ours = await Client.ImportOrgChartAsync("acme", new OrgChartRequest
        {
            Mode = ImportMode.Merge,
            People =
            [
                Person("acme-ava", "Ava Reyes", "Account Executive", "manager", "acme-victor", "ava.reyes@acme-analytics.example"),
                Person("acme-sol", "Sol Park", "Solution Engineer", "individual", "acme-victor", "sol.park@acme-analytics.example"),
                Person("acme-victor", "Victor Lang", "VP Sales", "vp", "acme-elena", "victor.lang@acme-analytics.example"),
                Person("acme-elena", "Elena Marsh", "Chief Executive Officer", "executive", null, "elena.marsh@acme-analytics.example"),
            ],
        });
        var theirs = await Client.ImportOrgChartAsync("globex", new OrgChartRequest
        {
            Mode = ImportMode.Replace,
            People =
            [
                Person("globex-chen", "Wei Chen", "Lead Data Engineer", "individual", "globex-novak"),
                Person("globex-diaz", "Rosa Diaz", "Operations Analyst", "individual", "globex-whitfield"),
                Person("globex-novak", "Ana Novak", "IT Manager", "manager", "globex-ito"),
                Person("globex-brandt", "Kim Brandt", "Head of Procurement", "director", "globex-okafor"),
                Person("globex-whitfield", "Dana Whitfield", "VP Operations", "vp", "globex-hale", "dana.whitfield@globex.example"),
                Person("globex-ito", "Sam Ito", "Chief Technology Officer", "executive", "globex-hale"),
                Person("globex-okafor", "Lee Okafor", "Chief Financial Officer", "executive", "globex-hale"),
                Person("globex-hale", "Morgan Hale", "Chief Executive Officer", "executive", null),
            ],
        }, idempotency_Key: $"globex-chart-{Guid.NewGuid():N}");
        Assert.That((ours.Failed, theirs.Failed, theirs.Received), Is.EqualTo((0, 0, 8)), "every record of both charts is stored");
        await Client.UpsertReportingLineAsync(new ReportingLineRequest
        {
            PersonId = "globex-whitfield", ManagerId = "globex-okafor", Kind = LineKind.Dotted,
        });
        await Client.UpsertPersonAsync("northwind-kaur", new PersonRequest
        {
            Name = "Priya Kaur", OrganizationId = "northwind", Title = "Principal Consultant", Seniority = Seniority.Director,
        });

        // Informal influence and rapport.
        await Client.UpsertInfluenceAsync(new InfluenceRequest { FromId = "northwind-kaur", ToId = "globex-ito", Strength = 0.8, Kind = InfluenceKind.Advisor });
        await Client.UpsertInfluenceAsync(new InfluenceRequest { FromId = "globex-chen", ToId = "globex-novak", Strength = 0.7, Kind = InfluenceKind.Expert });
        await Client.UpsertInfluenceAsync(new InfluenceRequest { FromId = "globex-whitfield", ToId = "globex-okafor", Strength = 0.6, Kind = InfluenceKind.Mentor });
        await Client.UpsertRapportAsync(new RapportRequest { PersonId = "globex-okafor", OtherId = "globex-ito", Sentiment = Sentiment.Rivalry });
        await Client.UpsertRapportAsync(new RapportRequest { PersonId = "globex-whitfield", OtherId = "globex-diaz", Sentiment = Sentiment.Sympathy });

        // Who of ours knows whom of theirs, and a meeting that strengthens it.
        await Knows("acme-ava", "globex-whitfield", 0.7, RelationshipSource.Crm, Visibility.Company, new DateOnly(2024, 3, 1));
        await Knows("acme-sol", "globex-chen", 0.8, RelationshipSource.Manual, Visibility.Team, new DateOnly(2023, 9, 15));
        await Knows("acme-victor", "globex-okafor", 0.3, RelationshipSource.Event, Visibility.Private);
        await Knows("acme-elena", "globex-hale", 0.5, RelationshipSource.Event, Visibility.Company);
        await Knows("acme-ava", "globex-brandt", 0.4, RelationshipSource.Email, Visibility.Team);
        await Client.RecordInteractionAsync(new InteractionRequest
        {
            Id = "ix-globex-discovery",
            At = new DateTimeOffset(2026, 5, 12, 14, 0, 0, TimeSpan.Zero),
            Kind = InteractionKind.Meeting,
            ParticipantIds = ["acme-ava", "acme-sol", "globex-whitfield", "globex-novak"],
        });

        // The opportunity, its buying center and our pursuit team.
        await Client.UpsertOpportunityAsync(Opportunity, new OpportunityRequest
        {
            Name = "Globex analytics platform",
            OrganizationId = "globex",
            Stage = OpportunityStage.Proposal,
            Amount = 480_000,
            Currency = "USD",
            CloseDate = new DateOnly(2027, 3, 31),
            Budget = new Bant { Status = BantStatus.Identified, Note = "Capex line approved for FY27, amount not confirmed" },
            Authority = new Bant { Status = BantStatus.Identified, Note = "CFO signs above 250k" },
            Need = new Bant { Status = BantStatus.Confirmed, Note = "Plant reporting takes 3 weeks per quarter" },
            Timing = new Bant { Status = BantStatus.Confirmed, Note = "Go-live before Q3 audit" },
        });
        await Member("globex-okafor", [BuyingRole.Approver], Attitude.Neutral, 5);
        await Member("globex-ito", [BuyingRole.Decider], Attitude.Skeptic, 5, favorsCompetitorId: "initech");
        await Member("globex-whitfield", [BuyingRole.User, BuyingRole.Influencer], Attitude.Champion, 4, coach: true);
        await Member("globex-brandt", [BuyingRole.Buyer], Attitude.Neutral, 3);
        await Member("globex-novak", [BuyingRole.Gatekeeper], Attitude.Supporter, 3);
        await Member("northwind-kaur", [BuyingRole.Influencer], Attitude.Supporter, 4);
        await Client.UpsertTeamMemberAsync(Opportunity, "acme-ava", new TeamRequest { Role = TeamRole.AccountExecutive });
        await Client.UpsertTeamMemberAsync(Opportunity, "acme-sol", new TeamRequest { Role = TeamRole.SolutionEngineer });
        await Client.UpsertTeamMemberAsync(Opportunity, "acme-victor", new TeamRequest { Role = TeamRole.ExecutiveSponsor });
    }

    [Test]
    public async Task The_recommendations_put_the_decider_first_and_reach_Dana_Whitfield_through_Ava()
    {
        var answer = await Client.GetRecommendationsAsync(Opportunity, pathsPerTarget: 2);

        var dana = answer.Targets.Single(t => t.Person.Id == "globex-whitfield");
        var direct = dana.Paths[0];
        Assert.Multiple(() =>
        {
            Assert.That(answer.Targets, Has.Count.EqualTo(6), "every buying-center member is a target");
            Assert.That(answer.Targets.Select(t => t.Priority), Is.Ordered.Descending, "targets come by priority");
            Assert.That(answer.Targets[0].Person.Name, Is.EqualTo("Sam Ito"), "the Decider comes first");
            Assert.That(answer.Targets[0].Roles, Is.EqualTo(new[] { BuyingRole.Decider }));
            Assert.That(answer.Targets[0].Paths[0].Explanation, Does.Contain("Ana Novak reports to Sam Ito"));
            Assert.That(dana.Coach, Is.True);
            Assert.That(direct.Hops, Has.Count.EqualTo(1), "Ava knows Dana herself");
            Assert.That((direct.Hops[0].From.Id, direct.Hops[0].Type, direct.Hops[0].To.Name),
                Is.EqualTo(("acme-ava", HopType.Knows, "Dana Whitfield")));
            Assert.That(dana.Coverage, Is.EqualTo(direct.Score), "coverage is the best path's score");
            Assert.That(answer.Plan.Select(e => e.TheirPerson.Id),
                Is.EquivalentTo(new[] { "globex-ito", "globex-okafor", "globex-whitfield", "globex-brandt", "globex-novak" }));
            Assert.That(answer.Gaps.Select(g => g.Code), Is.EquivalentTo(new[] { GapCode.UncoveredTarget, GapCode.CompetitorSupporter }));
        });
    }

    [Test]
    public async Task The_orchestration_hands_the_deal_from_the_proposal_to_the_negotiation()
    {
        var answer = await Client.GetOrchestrationAsync(Opportunity, ahead: 1);

        var negotiation = answer.Stages[1];
        Assert.Multiple(() =>
        {
            Assert.That(answer.Stages.Select(s => s.Stage), Is.EqualTo(new[] { OpportunityStage.Proposal, OpportunityStage.Negotiation }));
            Assert.That(answer.Stages[0].Current, Is.True);
            Assert.That(negotiation.Plan.Select(e => e.TheirPerson.Id), Is.SupersetOf(new[] { "globex-okafor", "globex-brandt" }),
                "at negotiation the plan reaches the Approver and the Buyer");
            Assert.That(negotiation.Targets.Single(t => t.Person.Id == "globex-novak").Status, Is.EqualTo(StageTargetStatus.KeptWarm));
            Assert.That(answer.Transitions.Single().Changes.Select(c => c.TheirPerson.Id), Does.Contain("globex-novak"));
            Assert.That(answer.NextConversations.Select(c => c.Rank), Is.EqualTo(Enumerable.Range(1, answer.NextConversations.Count)));
        });
    }

    [Test]
    public async Task The_power_map_shows_the_buying_center_with_its_lines_and_an_amber_status()
    {
        var map = await Client.GetPowerMapAsync(Opportunity);

        var dana = map.Members.Single(m => m.Person.Id == "globex-whitfield");
        Assert.Multiple(() =>
        {
            Assert.That(map.Opportunity.Stage, Is.EqualTo(OpportunityStage.Proposal));
            Assert.That(map.Status, Is.EqualTo(PowerMapStatus.Amber), map.StatusReason);
            Assert.That(map.StatusReason, Does.Contain("no Decider or Approver is supportive"));
            Assert.That(map.Members.Select(m => m.Person.Id), Is.EquivalentTo(new[]
            {
                "globex-okafor", "globex-ito", "globex-whitfield", "globex-brandt", "globex-novak", "northwind-kaur",
            }));
            Assert.That((dana.Attitude, dana.Coach), Is.EqualTo((Attitude.Champion, true)));
            Assert.That(dana.BestPath?.Hops[0].From.Id, Is.EqualTo("acme-ava"));
            Assert.That(map.Members.Single(m => m.Person.Id == "globex-ito").FavorsCompetitorId, Is.EqualTo("initech"));
            Assert.That(map.Lines.Select(l => (l.Type, l.Sentiment)), Does.Contain(("rapport", (string?)"rivalry")),
                "the CFO's rivalry with the CTO is drawn");
        });
    }

    [Test]
    public async Task A_sellers_client_does_not_see_a_colleagues_private_relationship()
    {
        var key = await Client.CreateApiKeyAsync(new ApiKeyRequest { Name = $"ava-{Guid.NewGuid():N}"[..16], Role = ApiRole.Seller, PersonId = "acme-ava" });
        using var http = App.CreateClientWithKey(key.Secret);
        var ava = new RelIntelClient(http);

        var asAdmin = await Client.ListRelationshipsOfPersonAsync("globex-okafor");
        var asAva = await ava.ListRelationshipsOfPersonAsync("globex-okafor");

        Assert.Multiple(() =>
        {
            Assert.That(asAdmin.Items.Select(r => r.OurPerson.Id), Does.Contain("acme-victor"));
            Assert.That(asAva.Items.Select(r => r.OurPerson.Id), Does.Not.Contain("acme-victor"), "Victor's relationship is private");
            Assert.That(asAva.Total, Is.EqualTo(asAdmin.Total - 1));
        });
    }

    private static OrgChartPerson Person(string id, string name, string title, string seniority, string? managerId, string? email = null) =>
        new() { Id = id, Name = name, Title = title, Seniority = seniority, ManagerId = managerId, Email = email };

    private Task<RelationshipWriteResponse> Knows(string ours, string theirs, double strength, RelationshipSource source, Visibility visibility,
        DateOnly? since = null) =>
        Client.UpsertRelationshipAsync(new RelationshipRequest
        {
            OurPersonId = ours, TheirPersonId = theirs, Strength = strength, Source = source, Visibility = visibility, Since = since,
        });

    private Task<BuyingCenterMemberResponse> Member(string personId, List<BuyingRole> roles, Attitude attitude, int influence,
        bool coach = false, string? favorsCompetitorId = null) =>
        Client.UpsertBuyingCenterMemberAsync(Opportunity, personId, new BuyingCenterRequest
        {
            Roles = roles, Attitude = attitude, Influence = influence, Coach = coach, FavorsCompetitorId = favorsCompetitorId,
        });
}
