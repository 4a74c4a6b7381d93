using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Introductions;

/// <summary>
/// Introductions brokered by the charter: ask, consent, share, meet. Ava may not see Victor's relationship to Lee; she
/// asks Victor for an introduction, and learns exactly what he chooses to share, only once he accepts.
/// </summary>
public sealed class IntroductionsTests : ApiTest
{
    private Task<Introductions> ScenarioAsync() => Introductions.StartAsync(World, Keys);

    [Test]
    public async Task A_request_waits_for_the_introducer_and_the_requester_learns_nothing_more_than_the_route()
    {
        var s = await ScenarioAsync();

        var asked = await s.RequestAsync(note: "Lee decides on the plant budget.");

        Assert.Multiple(() =>
        {
            Assert.That(asked.State, Is.EqualTo(IntroductionState.Requested));
            Assert.That(asked.Requester!.Id, Is.EqualTo(s.Id("Ava")));
            Assert.That(asked.Introducer!.Name, Is.EqualTo("Victor"));
            Assert.That(asked.Target!.Name, Is.EqualTo("Lee"));
            Assert.That(asked.OpportunityId, Is.EqualTo(s.World.Deal));
            Assert.That(asked.Note, Is.EqualTo("Lee decides on the plant budget."));
            Assert.That(asked.Share, Is.Null);
            Assert.That(asked.RequestedAt, Is.EqualTo(App.Clock.GetUtcNow()));
            Assert.That(asked.ExpiresAt, Is.EqualTo(App.Clock.GetUtcNow().AddDays(14)), "the charter's default expiry");
        });
        Assert.That((await s.ListAsync(s.Victor, "introducer")).Select(i => i.Id), Is.EqualTo(new[] { asked.Id }));
        Assert.That(await s.ListAsync(s.Victor, "requester"), Is.Empty);
        Assert.That((await s.ListAsync(s.Ava, "requester")).Select(i => i.Id), Is.EqualTo(new[] { asked.Id }));
        Assert.That(await s.ListAsync(s.Ava, "introducer"), Is.Empty);
        Assert.That((await s.ListAsync(Client)).Select(i => i.Id), Does.Contain(asked.Id), "an admin sees all");

        await s.AssertAvasWayToLeeAsync(HopType.Introduction, 0.4, strengthShown: false);
    }

    [Test]
    public async Task Accepting_shares_the_route_only()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        var accepted = await s.AcceptAsync(asked.Id, "route");

        Assert.That(accepted.State, Is.EqualTo(IntroductionState.Accepted));
        Assert.That(accepted.Share, Is.EqualTo(IntroductionShare.Route));
        Assert.That(accepted.AcceptedAt, Is.EqualTo(App.Clock.GetUtcNow()));
        await s.AssertAvasWayToLeeAsync(HopType.Introduction, 0.4, strengthShown: false);
    }

    [Test]
    public async Task Accepting_shares_the_routes_strength_without_the_relationships_details()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        await s.AcceptAsync(asked.Id, "strength");

        var (answer, hop, _) = await s.AssertAvasWayToLeeAsync(HopType.Introduction, Introductions.VictorKnowsLee, strengthShown: true);
        Assert.Multiple(() =>
        {
            Assert.That(hop.Basis, Does.Contain("Victor shared this relationship's strength with you"));
            Assert.That(answer.Targets[0].Coverage, Is.EqualTo(Introductions.VictorKnowsLee));
        });
        var victorsRelationships = await s.Ava.GetAsync($"/api/people/{s.Id("Lee")}/relationships")
            .ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(victorsRelationships.Items, Is.Empty, "the relationship itself stays hidden");
    }

    [Test]
    public async Task Accepting_shares_the_relationship_in_detail_in_every_answer_that_shows_it()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        await s.AcceptAsync(asked.Id, "relationship");

        await s.AssertAvasWayToLeeAsync(HopType.Knows, Introductions.VictorKnowsLee, strengthShown: true);
        var relationships = await s.Ava.GetAsync($"/api/people/{s.Id("Lee")}/relationships")
            .ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        var shown = relationships.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(shown.OurPerson.Id, Is.EqualTo(s.Id("Victor")));
            Assert.That(shown.Strength.Value, Is.EqualTo(Introductions.VictorKnowsLee));
            Assert.That(shown.Visibility, Is.EqualTo(Visibility.Private));
        });
    }

    [Test]
    public async Task The_meeting_closes_the_loop_and_the_requester_routes_through_her_own_relationship()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();
        await s.AcceptAsync(asked.Id, "route");
        App.Clock.Advance(TimeSpan.FromDays(2));

        await s.Ava.PostAsJsonAsync("/api/interactions", new
        {
            id = $"meet-{asked.Id}", at = App.Clock.GetUtcNow().AddHours(-1), kind = "meeting", participantIds = new[] { s.Id("Ava"), s.Id("Lee") },
        }).ShouldBe(HttpStatusCode.Created);

        var met = await s.GetAsync(s.Victor, asked.Id);
        Assert.That(met.State, Is.EqualTo(IntroductionState.Met));
        Assert.That(met.MetAt, Is.EqualTo(App.Clock.GetUtcNow().AddHours(-1)));
        var own = await s.Ava.GetAsync($"/api/people/{s.Id("Lee")}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        var avas = own.Items.Single(r => r.OurPerson.Id == s.Id("Ava"));
        Assert.That(avas.Source, Is.EqualTo(RelationshipSource.Introduction));
        var (answer, hop, _) = await s.AvasWayToLeeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(hop.Type, Is.EqualTo(HopType.Knows));
            Assert.That(hop.From.Id, Is.EqualTo(s.Id("Ava")), "her own relationship now");
            Assert.That(answer.Plan[0].OurPerson.Id, Is.EqualTo(s.Id("Ava")));
        });
    }

    [Test]
    public async Task A_report_shows_an_accepted_share_as_every_seller_sees_it_live_before_and_after_the_meeting()
    {
        var s = await ScenarioAsync();
        var everySeller = await Keys.ClientAsync("integration");
        var asked = await s.RequestAsync();
        await s.AcceptAsync(asked.Id, "relationship");
        // Shared with Ava alone: her own answers show it in detail.
        await s.AssertAvasWayToLeeAsync(HopType.Knows, Introductions.VictorKnowsLee, strengthShown: true);

        // A report is written for every seller: it shows Lee exactly as every seller's live answer does, never the share.
        var report = await s.World.ReportAsync();
        await AssertReportShowsLeeAsLiveAsync(s, report, everySeller);
        Assert.That(report.Coverage.Single(m => m.Person.Id == s.Id("Lee")).BestRoute!.Introduction, Is.True);
        Assert.That(JsonSerializer.Serialize(report, HttpAssertions.ApiJson), Does.Not.Contain("0.8123"));

        App.Clock.Advance(TimeSpan.FromDays(1));
        await s.Ava.PostAsJsonAsync("/api/interactions", new
        {
            id = $"meet-{asked.Id}", at = App.Clock.GetUtcNow().AddHours(-1), kind = "meeting", participantIds = new[] { s.Id("Ava"), s.Id("Lee") },
        }).ShouldBe(HttpStatusCode.Created);

        // After the meeting a new report follows the live answer again; the stored one reads as it did, through today's charter.
        await AssertReportShowsLeeAsLiveAsync(s, await s.World.ReportAsync(), everySeller);
        var reread = await Client.GetAsync($"/api/reports/{report.Id}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        static object? RouteToLee(ReportResponse r, string lee) =>
            r.Coverage.Single(m => m.Person.Id == lee).BestRoute is { } route ? (route.Key, route.Score, route.Explanation, route.Introduction) : null;
        Assert.That(RouteToLee(reread, s.Id("Lee")), Is.EqualTo(RouteToLee(report, s.Id("Lee"))));
    }

    /// <summary>The report's coverage of Lee and best route to him are those of the live recommendations for every seller.</summary>
    private static async Task AssertReportShowsLeeAsLiveAsync(Introductions s, ReportResponse report, HttpClient everySeller)
    {
        var live = await everySeller.GetAsync($"/api/opportunities/{s.World.Deal}/recommendations")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        var liveLee = live.Targets.Single(t => t.Person.Id == s.Id("Lee"));
        var reportedLee = report.Coverage.Single(m => m.Person.Id == s.Id("Lee"));
        Assert.Multiple(() =>
        {
            Assert.That(reportedLee.Coverage, Is.EqualTo(liveLee.Coverage), "Lee's coverage");
            Assert.That(reportedLee.BestRoute?.Key, Is.EqualTo(ReportRoute.From(liveLee.Paths[0]).Key), "the best route to Lee");
            Assert.That(reportedLee.BestRoute?.Score, Is.EqualTo(liveLee.Paths[0].Score), "its score");
        });
    }

    [Test]
    public async Task A_meeting_before_acceptance_meets_nothing()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();
        App.Clock.Advance(TimeSpan.FromHours(3));
        await s.Ava.PostAsJsonAsync("/api/interactions", new
        {
            id = $"early-{asked.Id}", at = App.Clock.GetUtcNow().AddHours(-1), kind = "call", participantIds = new[] { s.Id("Ava"), s.Id("Lee") },
        }).ShouldBe(HttpStatusCode.Created);

        Assert.That((await s.GetAsync(s.Ava, asked.Id)).State, Is.EqualTo(IntroductionState.Requested));
        var accepted = await s.AcceptAsync(asked.Id, "route");
        Assert.That(accepted.State, Is.EqualTo(IntroductionState.Accepted), "the call before the yes does not count");
    }

    [Test]
    public async Task A_pending_request_shows_in_the_requesters_paths_plan_and_next_conversations_until_it_is_answered()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();
        App.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromHours(2)));

        var (answer, hop, _) = await s.AvasWayToLeeAsync();
        var orchestration = await s.Ava.GetAsync($"/api/opportunities/{s.World.Deal}/orchestration")
            .ShouldBe<OrchestrationResponse>(HttpStatusCode.OK);
        var victorsText = (await s.Victor.GetAsync($"/api/opportunities/{s.World.Deal}/recommendations").ShouldBe(HttpStatusCode.OK))
            .ToJsonString();
        var victorsHop = victorsText.Read<RecommendationsResponse>().Targets[0].Paths[0].Hops[0];

        Assert.Multiple(() =>
        {
            Assert.That(hop.Basis, Does.EndWith("waiting for Victor's answer since 3 days"));
            Assert.That(answer.Plan[0].Reason, Does.Contain("waiting for Victor's answer since 3 days"));
            // The JSON text escapes the apostrophe; the plan's reasons hold it as written.
            Assert.That(orchestration.Stages[0].Plan.Select(e => e.Reason), Has.Some.Contains("waiting for Victor's answer since 3 days"));
            Assert.That(orchestration.NextConversations.Select(c => c.Reason),
                Has.Some.Contains("introduction you asked Victor for, waiting for Victor's answer since 3 days: follow up with Victor"),
                "the next conversations follow the request up");
            Assert.That(victorsHop.Type, Is.EqualTo(HopType.Knows));
            Assert.That(victorsText, Does.Not.Contain("waiting for"), "only the requester is waiting");
        });

        await s.StepAsync(s.Victor, asked.Id, "decline").ShouldBe(HttpStatusCode.OK);
        var after = await s.AvasWayToLeeAsync();
        Assert.That(after.Text, Does.Not.Contain("waiting for"));
        var afterOrchestration = await s.Ava.GetAsync($"/api/opportunities/{s.World.Deal}/orchestration").ShouldBe(HttpStatusCode.OK);
        Assert.That(afterOrchestration.ToJsonString(), Does.Not.Contain("waiting for").And.Not.Contain("follow up with Victor"));
    }

    [Test]
    public async Task Declining_shows_the_reason_only_if_given_and_reveals_nothing()
    {
        var s = await ScenarioAsync();
        await s.World.TheirsAsync("Noa");
        await s.World.KnowsAsync("Victor", "Noa", 0.9, visibility: "private");
        var toLee = await s.RequestAsync();
        var toNoa = await s.RequestAsync("Noa");

        await s.StepAsync(s.Victor, toLee.Id, "decline", new { reason = "I have not spoken to Lee in two years." }).ShouldBe(HttpStatusCode.OK);
        await s.StepAsync(s.Victor, toNoa.Id, "decline").ShouldBe(HttpStatusCode.OK);

        var withReason = await s.GetAsync(s.Ava, toLee.Id);
        var without = await s.GetAsync(s.Ava, toNoa.Id);
        Assert.Multiple(() =>
        {
            Assert.That(withReason.State, Is.EqualTo(IntroductionState.Declined));
            Assert.That(withReason.Reason, Is.EqualTo("I have not spoken to Lee in two years."));
            Assert.That(withReason.Share, Is.Null);
            Assert.That(without.State, Is.EqualTo(IntroductionState.Declined));
            Assert.That(without.Reason, Is.Null);
        });
        await s.AssertAvasWayToLeeAsync(HopType.Introduction, 0.4, strengthShown: false);
    }

    [Test]
    public async Task States_move_only_forward_and_each_party_takes_only_their_own_steps()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        await s.StepAsync(s.Ava, asked.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await s.StepAsync(s.Victor, asked.Id, "withdraw").ShouldBeProblem(HttpStatusCode.Forbidden);
        await s.StepAsync(s.Victor, asked.Id, "accept", new { share = "everything" }).ShouldBeProblem(HttpStatusCode.BadRequest, "share");
        await s.StepAsync(s.Victor, asked.Id, "accept").ShouldBeProblem(HttpStatusCode.BadRequest, "share");
        var withdrawn = Introductions.Read(await s.StepAsync(s.Ava, asked.Id, "withdraw").ShouldBe(HttpStatusCode.OK));
        Assert.That(withdrawn.State, Is.EqualTo(IntroductionState.Withdrawn));

        var late = await s.StepAsync(s.Victor, asked.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");
        Assert.That(late["detail"]!.GetValue<string>(), Does.Contain("withdrawn"));
        await s.StepAsync(s.Ava, asked.Id, "withdraw").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");
        await s.StepAsync(s.Victor, "intro-unknown", "decline").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await s.StepAsync(Client, asked.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.That((await s.GetAsync(s.Victor, asked.Id)).State, Is.EqualTo(IntroductionState.Withdrawn), "nothing changed");
    }

    [Test]
    public async Task An_unanswered_request_expires_after_the_charters_days()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        App.Clock.Advance(TimeSpan.FromDays(14).Subtract(TimeSpan.FromMinutes(1)));
        Assert.That((await s.GetAsync(s.Ava, asked.Id)).State, Is.EqualTo(IntroductionState.Requested));
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var expired = await s.GetAsync(s.Ava, asked.Id);
        Assert.That(expired.State, Is.EqualTo(IntroductionState.Expired));
        Assert.That(expired.ClosedAt, Is.EqualTo(asked.ExpiresAt));
        var late = await s.StepAsync(s.Victor, asked.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");
        Assert.That(late["detail"]!.GetValue<string>(), Does.Contain("expired"));
        Assert.That((await s.RequestAsync()).Id, Is.Not.EqualTo(asked.Id), "an expired request is no longer open: Ava may ask again");
    }

    [Test]
    public async Task A_route_the_caller_may_not_see_a_do_not_contact_target_and_a_stranger_are_answered_alike()
    {
        var s = await ScenarioAsync();
        await s.World.TheirsAsync("Kim");
        await s.World.KnowsAsync("Victor", "Kim", 0.2, visibility: "private"); // below the introduction trust: no route for Ava
        await s.World.TheirsAsync("Dee", doNotContact: true);
        await s.World.KnowsAsync("Victor", "Dee", 0.9, visibility: "company");

        var answers = new List<string>();
        foreach (var target in new[] { s.Id("Kim"), s.Id("Dee"), "stranger-" + s.Id("Lee") })
        {
            var problem = await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = target, introducerId = s.Id("Victor") })
                .ShouldBeProblem(HttpStatusCode.NotFound, "targetId");
            answers.Add(problem["title"]!.GetValue<string>() + "|" + problem["detail"]!.GetValue<string>().Replace(target, "{id}"));
        }

        Assert.That(answers.Distinct().ToList(), Has.Count.EqualTo(1), string.Join("\n", answers));
        Assert.That(await s.ListAsync(s.Victor, "introducer"), Is.Empty, "nothing was asked of Victor");
    }

    [Test]
    public async Task Only_our_people_ask_and_only_for_someone_else_to_introduce_them()
    {
        var s = await ScenarioAsync();
        var integration = await ClientAsAsync("integration");

        await integration.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Lee"), introducerId = s.Id("Victor") })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        var asked = await s.RequestAsync();
        var listed = await integration.GetAsync("/api/introductions").ShouldBe<Paged<IntroductionResponse>>(HttpStatusCode.OK);
        Assert.That(listed.Items, Is.Empty, "an integration acts as no one and takes part in none");
        await integration.GetAsync($"/api/introductions/{asked.Id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Lee"), introducerId = s.Id("Ava") })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "introducerId");
        await s.Ava.PostAsJsonAsync("/api/introductions", new { introducerId = s.Id("Victor"), note = new string('x', 501) })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "targetId");
        await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Lee"), introducerId = s.Id("Victor"), opportunityId = "opp-none" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "opportunityId");
        await s.Ava.GetAsync("/api/introductions?as=boss").ShouldBeProblem(HttpStatusCode.BadRequest, "as");
        await s.Victor.GetAsync("/api/introductions/stats").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_duplicate_open_request_is_a_conflict_naming_the_open_one()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();

        var problem = await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Lee"), introducerId = s.Id("Victor") })
            .ShouldBeProblem(HttpStatusCode.Conflict, "targetId");

        Assert.That(problem["existingId"]!.GetValue<string>(), Is.EqualTo(asked.Id));
        await s.AcceptAsync(asked.Id, "route");
        await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Lee"), introducerId = s.Id("Victor") })
            .ShouldBeProblem(HttpStatusCode.Conflict, "targetId");
    }

    [Test]
    public async Task A_requester_holds_at_most_the_charters_number_of_open_requests()
    {
        var s = await ScenarioAsync();
        await WithCharterAsync(introductions => introductions["maxOpenPerRequester"] = 2, async () =>
        {
            foreach (var name in new[] { "Noa", "Ike", "Uma" })
            {
                await s.World.TheirsAsync(name);
                await s.World.KnowsAsync("Victor", name, 0.9, visibility: "private");
            }
            var first = await s.RequestAsync("Noa");
            await s.RequestAsync("Ike");

            var problem = await s.Ava.PostAsJsonAsync("/api/introductions", new { targetId = s.Id("Uma"), introducerId = s.Id("Victor") })
                .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("at most 2"));

            await s.StepAsync(s.Ava, first.Id, "withdraw").ShouldBe(HttpStatusCode.OK);
            await s.RequestAsync("Uma");
        });
    }

    [Test]
    public async Task Where_the_charter_says_so_the_introducers_manager_approves_too()
    {
        var s = await ScenarioAsync();
        await s.World.TheirsAsync("Noa");
        await s.World.KnowsAsync("Victor", "Noa", 0.9, visibility: "private");
        var unneeded = await s.RequestAsync("Noa");
        await s.StepAsync(s.Mia, unneeded.Id, "approve").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "id");
        await WithCharterAsync(introductions => introductions["managerApprovalRequired"] = true, async () =>
        {
            var asked = await s.RequestAsync();
            Assert.That(asked.ApprovalRequired, Is.True);
            Assert.That((await s.ListAsync(s.Mia, "approver")).Select(i => i.Id), Is.EquivalentTo(new[] { asked.Id, unneeded.Id }), "both, made at the same moment");

            var agreed = await s.AcceptAsync(asked.Id, "strength");
            Assert.That(agreed.State, Is.EqualTo(IntroductionState.Requested));
            Assert.That(agreed.AwaitingApproval, Is.True);
            // Nothing is shared before the approval.
            await s.AssertAvasWayToLeeAsync(HopType.Introduction, 0.4, strengthShown: false);
            await s.StepAsync(s.Ava, asked.Id, "approve").ShouldBeProblem(HttpStatusCode.Forbidden);
            await s.StepAsync(s.Victor, asked.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");

            var approved = Introductions.Read(await s.StepAsync(s.Mia, asked.Id, "approve").ShouldBe(HttpStatusCode.OK));
            Assert.That(approved.State, Is.EqualTo(IntroductionState.Accepted));
            Assert.That(approved.ApprovedAt, Is.EqualTo(App.Clock.GetUtcNow()));
            await s.AssertAvasWayToLeeAsync(HopType.Introduction, Introductions.VictorKnowsLee, strengthShown: true);
            await s.StepAsync(s.Mia, asked.Id, "approve").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");
        });
    }

    [Test]
    public async Task Every_state_change_is_audited_with_the_relationship_as_an_introduction()
    {
        var s = await ScenarioAsync();
        var ava = await Keys.CreateAsync("seller", s.Id("Ava"));
        var victor = await Keys.CreateAsync("seller", s.Id("Victor"));
        var asked = Introductions.Read(await Keys.ClientFor(ava.Secret).PostAsJsonAsync("/api/introductions",
            new { targetId = s.Id("Lee"), introducerId = s.Id("Victor") }).ShouldBe(HttpStatusCode.Created));
        await Keys.ClientFor(victor.Secret).PostAsJsonAsync($"/api/introductions/{asked.Id}/accept", new { share = "route" })
            .ShouldBe(HttpStatusCode.OK);

        var relationship = $"{s.Id("Victor")}|{s.Id("Lee")}";
        var requested = (await s.World.AuditOfAsync(ava.Name)).Single(e => e.Path == "/api/introductions");
        var accepted = (await s.World.AuditOfAsync(victor.Name)).Single(e => e.Path == $"/api/introductions/{asked.Id}/accept");
        Assert.That(requested.Relationships, Is.EqualTo(new[] { relationship }));
        Assert.That(accepted.Relationships, Is.EqualTo(new[] { relationship }));
    }

    [Test]
    public async Task Do_not_contact_and_erasure_remove_a_person_from_requests()
    {
        var s = await ScenarioAsync();
        await s.World.TheirsAsync("Noa");
        await s.World.KnowsAsync("Victor", "Noa", 0.9, visibility: "private");
        var toLee = await s.RequestAsync();
        var toNoa = await s.RequestAsync("Noa");

        await s.World.DoNotContactAsync("Lee");
        Assert.That((await s.ListAsync(s.Ava, "requester")).Select(i => i.Id), Is.EqualTo(new[] { toNoa.Id }));
        Assert.That((await s.ListAsync(s.Victor)).Select(i => i.Id), Is.EqualTo(new[] { toNoa.Id }));
        await s.Ava.GetAsync($"/api/introductions/{toLee.Id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await s.StepAsync(s.Victor, toLee.Id, "accept", new { share = "route" }).ShouldBeProblem(HttpStatusCode.NotFound, "id");

        await Client.DeleteAsync($"/api/people/{s.Id("Noa")}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/introductions/{toNoa.Id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        Assert.That(await s.ListAsync(s.Ava, "requester"), Is.Empty);
    }

    [Test]
    public async Task Admins_see_how_each_introducer_answers()
    {
        var s = await ScenarioAsync();
        foreach (var name in new[] { "Noa", "Ike", "Uma" })
        {
            await s.World.TheirsAsync(name);
            await s.World.KnowsAsync("Victor", name, 0.9, visibility: "private");
        }
        var toLee = await s.RequestAsync();
        var toNoa = await s.RequestAsync("Noa");
        var toIke = await s.RequestAsync("Ike");
        await s.RequestAsync("Uma");
        App.Clock.Advance(TimeSpan.FromHours(2));
        await s.AcceptAsync(toLee.Id, "route");
        App.Clock.Advance(TimeSpan.FromHours(4));
        await s.StepAsync(s.Victor, toNoa.Id, "decline").ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(6));
        await s.AcceptAsync(toIke.Id, "strength");
        await s.Ava.PostAsJsonAsync("/api/interactions", new
        {
            id = $"meet-{toIke.Id}", at = App.Clock.GetUtcNow(), kind = "meeting", participantIds = new[] { s.Id("Ava"), s.Id("Ike") },
        }).ShouldBe(HttpStatusCode.Created);

        var stats = (await Client.GetAsync("/api/introductions/stats").ShouldBe<List<IntroducerStats>>(HttpStatusCode.OK))
            .Single(row => row.Introducer.Id == s.Id("Victor"));

        Assert.That(stats, Is.EqualTo(new IntroducerStats(stats.Introducer, Received: 4, Accepted: 2, Declined: 1, Met: 1, MedianHoursToAnswer: 6)));
    }

    /// <summary>Runs <paramref name="test"/> under the charter in force with its introductions block changed, then restores it.</summary>
    private async Task WithCharterAsync(Action<System.Text.Json.Nodes.JsonNode> change, Func<Task> test)
    {
        var charter = await Client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        change(charter["introductions"]!);
        await Client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
        try
        {
            await test();
        }
        finally
        {
            await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        }
    }
}
