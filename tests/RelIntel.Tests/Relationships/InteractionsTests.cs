using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Interactions;
using RelIntel.Api.Features.Interactions;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Relationships;

/// <summary>Learned strength: interactions add weight by kind, decayed by age with the charter's half-life (90 days).</summary>
public sealed class InteractionsTests : ApiTest
{
    private static readonly double OneMeeting = 1 - Math.Exp(-1);

    private async Task<(string Ours, string Colleague, string Theirs, string TheirColleague)> ScenarioAsync()
    {
        var own = await World.OrganizationAsync("own", "Us");
        var customer = await World.OrganizationAsync("customer", "Globex");
        return (await World.PersonAsync(own, "Sam Ours"), await World.PersonAsync(own, "Kim Ours"),
            await World.PersonAsync(customer, "Dana Theirs"), await World.PersonAsync(customer, "Eve Theirs"));
    }

    private Task<HttpResponseMessage> InteractionAsync(string id, string kind, params string[] participantIds) =>
        InteractionAtAsync(id, App.Clock.GetUtcNow(), kind, participantIds);

    private Task<HttpResponseMessage> InteractionAtAsync(string id, DateTimeOffset at, string kind, params string[] participantIds) =>
        PostAsync("/api/interactions", new { id, at, kind, participantIds });

    private async Task<StrengthResponse> StrengthAsync(string ours, string theirs)
    {
        var page = await Client.GetAsync($"/api/people/{ours}/relationships?pageSize=500").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        return page.Items.Single(i => i.TheirPerson.Id == theirs).Strength;
    }

    [Test]
    public async Task A_meeting_creates_the_relationship_and_a_resend_counts_it_once()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        var id = NewId("i");

        var createdJson = await InteractionAsync(id, "meeting", ours, theirs).ShouldBe(HttpStatusCode.Created);
        var created = createdJson.Read<InteractionResponse>();
        Assert.That(created.Id, Is.EqualTo(id));
        Assert.That(created.Kind, Is.EqualTo(InteractionKind.Meeting));
        Assert.That(created.ParticipantIds, Is.EquivalentTo(new[] { ours, theirs }));
        var pair = created.Pairs.Single();
        Assert.That(pair.OurPerson.Id, Is.EqualTo(ours));
        Assert.That(pair.Source, Is.EqualTo(RelationshipSource.Calendar));
        Assert.That(pair.OwnerId, Is.EqualTo(ours));
        Assert.That(pair.Visibility, Is.EqualTo(Visibility.Team));
        var strength = pair.Strength;
        Assert.That(strength.InteractionScore, Is.EqualTo(1.0).Within(1e-6));
        Assert.That(strength.Learned, Is.EqualTo(OneMeeting).Within(1e-6));
        Assert.That(strength.Value, Is.EqualTo(OneMeeting).Within(1e-6));
        Assert.That(strength.Basis, Is.EqualTo("learned"));
        Assert.That(strength.Declared, Is.Null);
        Assert.That(strength.InteractionsCounted, Is.EqualTo(1));

        var resent = await InteractionAsync(id, "meeting", ours, theirs).ShouldBe(HttpStatusCode.OK);
        Assert.That(resent.ToJsonString(), Is.EqualTo(createdJson.ToJsonString()), "word for word");
        var again = await StrengthAsync(ours, theirs);
        Assert.That(again.InteractionsCounted, Is.EqualTo(1));
        Assert.That(again.Learned, Is.EqualTo(OneMeeting).Within(1e-6));
    }

    [Test]
    public async Task Learned_strength_rises_with_interactions_by_kind()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await InteractionAsync(NewId("i"), "email", ours, theirs).ShouldBe(HttpStatusCode.Created);
        var afterEmail = await StrengthAsync(ours, theirs);
        Assert.That(afterEmail.InteractionScore, Is.EqualTo(0.2).Within(1e-6));

        await InteractionAsync(NewId("i"), "call", ours, theirs).ShouldBe(HttpStatusCode.Created);
        await InteractionAsync(NewId("i"), "event", ours, theirs).ShouldBe(HttpStatusCode.Created);
        var after = await StrengthAsync(ours, theirs);
        Assert.That(after.InteractionScore, Is.EqualTo(0.2 + 0.5 + 0.6).Within(1e-6));
        Assert.That(after.Learned, Is.EqualTo(1 - Math.Exp(-1.3)).Within(1e-6));
        Assert.That(after.Learned, Is.GreaterThan(afterEmail.Learned));
        Assert.That(after.InteractionsCounted, Is.EqualTo(3));
    }

    [Test]
    public async Task Learned_strength_halves_its_score_each_half_life_and_goes_stale()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await InteractionAsync(NewId("i"), "meeting", ours, theirs).ShouldBe(HttpStatusCode.Created);

        App.Clock.Advance(TimeSpan.FromDays(90));
        var oneHalfLife = await StrengthAsync(ours, theirs);
        Assert.That(oneHalfLife.InteractionScore, Is.EqualTo(0.5).Within(1e-6));
        Assert.That(oneHalfLife.Learned, Is.EqualTo(1 - Math.Exp(-0.5)).Within(1e-6));
        Assert.That(oneHalfLife.Stale, Is.False);

        App.Clock.Advance(TimeSpan.FromDays(90));
        var twoHalfLives = await StrengthAsync(ours, theirs);
        Assert.That(twoHalfLives.InteractionScore, Is.EqualTo(0.25).Within(1e-6));
        Assert.That(twoHalfLives.Stale, Is.False, "exactly StaleAfterDays is not yet stale");

        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.That((await StrengthAsync(ours, theirs)).Stale, Is.True);

        // A new interaction refreshes it and adds to what is left of the old score.
        await InteractionAsync(NewId("i"), "meeting", ours, theirs).ShouldBe(HttpStatusCode.Created);
        var refreshed = await StrengthAsync(ours, theirs);
        Assert.That(refreshed.Stale, Is.False);
        Assert.That(refreshed.InteractionScore, Is.EqualTo(1 + Math.Pow(0.5, 181.0 / 90)).Within(1e-6));
    }

    [Test]
    public async Task An_interaction_reported_late_counts_with_its_age()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await InteractionAtAsync(NewId("i"), App.Clock.GetUtcNow().AddDays(-90), "meeting", ours, theirs).ShouldBe(HttpStatusCode.Created);
        var strength = await StrengthAsync(ours, theirs);
        Assert.That(strength.InteractionScore, Is.EqualTo(0.5).Within(1e-6));
    }

    [Test]
    public async Task A_declared_strength_stays_when_an_interaction_is_added()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.8, source = "crm", visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);

        var posted = await InteractionAsync(NewId("i"), "meeting", ours, theirs).ShouldBe<InteractionResponse>(HttpStatusCode.Created);
        var pair = posted.Pairs.Single();
        Assert.That(pair.Source, Is.EqualTo(RelationshipSource.Crm));
        Assert.That(pair.Visibility, Is.EqualTo(Visibility.Private));
        var strength = pair.Strength;
        Assert.That(strength.Value, Is.EqualTo(0.8));
        Assert.That(strength.Basis, Is.EqualTo("declared"));
        Assert.That(strength.Learned, Is.EqualTo(OneMeeting).Within(1e-6));
    }

    [Test]
    public async Task Every_pair_of_ours_and_theirs_among_the_participants_is_counted()
    {
        var (ours, colleague, theirs, theirColleague) = await ScenarioAsync();
        var posted = await InteractionAsync(NewId("i"), "event", ours, colleague, theirs, theirColleague).ShouldBe<InteractionResponse>(HttpStatusCode.Created);

        var pairs = posted.Pairs.Select(p => (p.OurPerson.Id, p.TheirPerson.Id)).ToList();
        Assert.That(pairs, Is.EquivalentTo(new[] { (ours, theirs), (ours, theirColleague), (colleague, theirs), (colleague, theirColleague) }));
        Assert.That(posted.Pairs.Select(p => p.Source), Is.All.EqualTo(RelationshipSource.Crm));
        var colleagues = await Client.GetAsync($"/api/people/{theirs}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(colleagues.Total, Is.EqualTo(2), "their people do not know each other through us");
    }

    [Test]
    public async Task Bad_interactions_are_refused_naming_the_field_and_count_nothing()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        var now = App.Clock.GetUtcNow();
        var missing = NewId("p");

        await InteractionAtAsync(NewId("i"), now.AddMinutes(5), "meeting", ours, theirs).ShouldBeProblem(HttpStatusCode.BadRequest, "at");
        var unknown = await InteractionAsync(NewId("i"), "meeting", ours, missing).ShouldBeProblem(HttpStatusCode.NotFound, "participantIds[1]");
        Assert.That(unknown["detail"]!.GetValue<string>(), Does.Contain(missing));
        await InteractionAsync(NewId("i"), "meeting", ours).ShouldBeProblem(HttpStatusCode.BadRequest, "participantIds");
        await InteractionAsync(NewId("i"), "meeting", Enumerable.Range(0, 101).Select(i => $"p-{i}").ToArray())
            .ShouldBeProblem(HttpStatusCode.BadRequest, "participantIds");
        await InteractionAsync(NewId("i"), "meeting", ours, ours).ShouldBeProblem(HttpStatusCode.BadRequest, "participantIds[1]");
        await InteractionAsync(NewId("i"), "lunch", ours, theirs).ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await PostAsync("/api/interactions", new { id = NewId("i"), at = now, participantIds = new[] { ours, theirs } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await PostAsync("/api/interactions", new { id = NewId("i"), kind = "call", participantIds = new[] { ours, theirs } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "at");
        await PostAsync("/api/interactions", new { at = now, kind = "call", participantIds = new[] { ours, theirs } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "id");

        var list = await Client.GetAsync($"/api/people/{ours}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(list.Total, Is.Zero);
    }

    [Test]
    public async Task A_stored_id_sent_with_another_interaction_is_a_409_that_reveals_nothing_and_counts_nothing()
    {
        var (ours, colleague, theirs, theirColleague) = await ScenarioAsync();
        var id = NewId("i");
        var at = App.Clock.GetUtcNow().AddHours(-3);
        await InteractionAtAsync(id, at, "meeting", ours, theirs).ShouldBe(HttpStatusCode.Created);
        using var integration = await ClientAsAsync("integration");

        foreach (var (when, kind, people) in new[]
                 {
                     (at, "call", new[] { ours, theirs }),
                     (at.AddMinutes(1), "meeting", new[] { ours, theirs }),
                     (at, "meeting", new[] { colleague, theirColleague }),
                 })
        {
            var refused = await integration.PostAsJsonAsync("/api/interactions", new { id, at = when, kind, participantIds = people })
                .ShouldBeProblem(HttpStatusCode.Conflict, "id");
            var text = refused.ToJsonString();
            Assert.That(text, Does.Not.Contain(theirs).And.Not.Contain("meeting").And.Not.Contain(at.ToString("yyyy-MM-dd")));
        }
        Assert.That((await StrengthAsync(ours, theirs)).InteractionsCounted, Is.EqualTo(1));
        var colleagues = await Client.GetAsync($"/api/people/{colleague}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(colleagues.Total, Is.Zero);
        // The same interaction in another order of participants and another time zone is the same.
        await integration.PostAsJsonAsync("/api/interactions", new { id, at = at.ToOffset(TimeSpan.FromHours(2)), kind = "meeting", participantIds = new[] { theirs, ours } })
            .ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_seller_counts_a_meeting_for_their_own_pairs_only_and_a_colleague_later_for_theirs()
    {
        var (me, colleague, theirs, _) = await ScenarioAsync();
        using var seller = await ClientAsAsync("seller", me);
        using var colleagueClient = await ClientAsAsync("seller", colleague);
        var id = NewId("i");
        var meeting = new { id, at = App.Clock.GetUtcNow(), kind = "meeting", participantIds = new[] { me, colleague, theirs } };

        var mine = await seller.PostAsJsonAsync("/api/interactions", meeting).ShouldBe<InteractionResponse>(HttpStatusCode.Created);
        Assert.That(mine.Pairs.Select(p => p.OurPerson.Id), Is.EqualTo(new[] { me }));
        var colleagues = await Client.GetAsync($"/api/people/{colleague}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(colleagues.Total, Is.Zero, "the colleague's relationship is the colleague's to record");

        var theirsToo = await colleagueClient.PostAsJsonAsync("/api/interactions", meeting).ShouldBe<InteractionResponse>(HttpStatusCode.OK);
        Assert.That(theirsToo.Pairs.Select(p => p.OurPerson.Id), Does.Contain(colleague));
        // Each pair counted it once, however often and by whomever it is sent again.
        await seller.PostAsJsonAsync("/api/interactions", meeting).ShouldBe(HttpStatusCode.OK);
        await PostAsync("/api/interactions", meeting).ShouldBe(HttpStatusCode.OK);
        Assert.That((await StrengthAsync(me, theirs)).InteractionsCounted, Is.EqualTo(1));
        Assert.That((await StrengthAsync(colleague, theirs)).InteractionsCounted, Is.EqualTo(1));
    }

    [Test]
    public async Task The_answer_lists_only_the_pairs_the_caller_may_see()
    {
        var (me, colleague, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = theirs, strength = 0.4567, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);
        using var seller = await ClientAsAsync("seller", me);
        var answer = await seller.PostAsJsonAsync("/api/interactions",
                new { id = NewId("i"), at = App.Clock.GetUtcNow(), kind = "call", participantIds = new[] { me, colleague, theirs } })
            .ShouldBe(HttpStatusCode.Created);
        Assert.That(answer.Read<InteractionResponse>().Pairs.Select(p => p.OurPerson.Id), Is.EqualTo(new[] { me }));
        Assert.That(answer.ToJsonString(), Does.Not.Contain("0.4567"));
    }
}
