using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Tests.Insights;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Qualification;

/// <summary>
/// BANT beside the graph's evidence, and the go / no-go readiness, for pursuits whose answer is obvious. The test
/// service's clock says 2026-06-01.
/// </summary>
public sealed class QualificationTests : ApiTest
{
    private static readonly object Confirmed = new { status = "confirmed" };

    /// <summary>Dana a champion Decider, Lee a supportive Approver, Ula a supportive User; Alex of ours knows all three.</summary>
    private async Task QualifiedAsync(object? budget = null, string closeDate = "2026-12-31")
    {
        await World.PursuitAsync();
        await DeclareAsync(budget ?? Confirmed, Confirmed, Confirmed, Confirmed, closeDate);
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Lee");
        await World.TheirsAsync("Ula");
        await World.MemberAsync("Dana", ["decider"], "champion", 5);
        await World.MemberAsync("Lee", ["approver"], "supporter", 5);
        await World.MemberAsync("Ula", ["user"], "supporter", 2);
        foreach (var them in new[] { "Dana", "Lee", "Ula" }) await World.KnowsAsync("Alex", them, 0.7);
    }

    private async Task DeclareAsync(object? budget, object? authority, object? need, object? timing, string? closeDate) =>
        await Client.PutAsJsonAsync($"/api/opportunities/{World.Deal}",
                new { name = "Plant automation", organizationId = World.Customer, stage = "proposal", budget, authority, need, timing, closeDate })
            .ShouldBe(HttpStatusCode.OK);

    private static IEnumerable<(string, bool)> Checks(JsonNode qualification, string element) =>
        qualification[element]!["evidence"]!.AsArray().Select(c => (c!["check"]!.GetValue<string>(), c["passed"]!.GetValue<bool>()));

    [Test]
    public async Task A_confirmed_pursuit_with_a_supportive_covered_decider_approver_and_user_is_a_go()
    {
        await QualifiedAsync();

        var recommendations = await World.RecommendationsAsync();
        var map = await World.PowerMapAsync();
        var q = map["qualification"]!;

        Assert.Multiple(() =>
        {
            Assert.That(q["readiness"]!.GetValue<string>(), Is.EqualTo("go"));
            Assert.That(q["score"]!.GetValue<double>(), Is.EqualTo(1));
            foreach (var element in new[] { "budget", "authority", "need", "timing" })
            {
                Assert.That(Checks(q, element).Select(c => c.Item2), Is.All.True, element);
                Assert.That(q[element]!["declared"]!.GetValue<string>(), Is.EqualTo("confirmed"));
            }
            Assert.That(Checks(q, "authority").Select(c => c.Item1), Is.EqualTo(new[]
            {
                "decider-known", "approver-known", "decider-supportive", "approver-supportive", "decider-covered", "approver-covered",
            }));
            Assert.That(q["reasons"]!.AsArray().Select(r => r!.GetValue<string>()), Has.Exactly(1).StartsWith("Go:"));
            Assert.That(q["closeDate"]!.GetValue<string>(), Is.EqualTo("2026-12-31"));
            Assert.That(recommendations["qualification"]!.ToJsonString(), Is.EqualTo(q.ToJsonString()), "the same block in every answer");
        });
    }

    [Test]
    public async Task Nothing_declared_and_nobody_in_the_buying_center_is_a_no_go_with_every_check_failing()
    {
        await World.PursuitAsync();

        var q = (await World.PowerMapAsync())["qualification"]!;

        Assert.Multiple(() =>
        {
            Assert.That(q["readiness"]!.GetValue<string>(), Is.EqualTo("no-go"));
            Assert.That(q["score"]!.GetValue<double>(), Is.Zero);
            foreach (var element in new[] { "budget", "authority", "need", "timing" })
            {
                Assert.That(Checks(q, element).Select(c => c.Item2), Is.All.False, element);
                Assert.That(q[element]!["declared"]!.GetValue<string>(), Is.EqualTo("unknown"));
                Assert.That(q[element]!["score"]!.GetValue<double>(), Is.Zero);
            }
            Assert.That(q["reasons"]!.AsArray().Select(r => r!.GetValue<string>()), Does.Contain("No-go: Budget scores 0, below 0.5.")
                .And.Contain("No-go: Readiness 0 is below 0.75.").And.Contain("Timing: No close date is set."));
        });
    }

    [Test]
    public async Task A_budget_declared_missing_is_a_no_go_however_good_the_rest()
    {
        await QualifiedAsync(budget: new { status = "missing", note = "No capex this year" });

        var q = (await World.PowerMapAsync())["qualification"]!;

        Assert.Multiple(() =>
        {
            Assert.That(q["score"]!.GetValue<double>(), Is.EqualTo(0.875), "budget (0 + 1) / 2, the rest 1");
            Assert.That(q["readiness"]!.GetValue<string>(), Is.EqualTo("no-go"));
            Assert.That(q["reasons"]![0]!.GetValue<string>(), Is.EqualTo("No-go: Budget is declared missing."));
            Assert.That(q["budget"]!["note"]!.GetValue<string>(), Is.EqualTo("No capex this year"));
        });
    }

    [Test]
    public async Task A_skeptical_uncovered_decider_and_a_close_date_gone_by_weaken_authority_budget_and_timing()
    {
        await QualifiedAsync(closeDate: "2026-05-01");
        await World.TheirsAsync("Sam");
        await World.MemberAsync("Sam", ["decider"], "skeptic", 5);
        // Dana is a Decider no longer: Sam, whom none of ours reaches, is the only one.
        await World.MemberAsync("Dana", ["influencer"], "champion", 5);

        var q = (await World.PowerMapAsync())["qualification"]!;

        Assert.Multiple(() =>
        {
            Assert.That(Checks(q, "budget"), Is.EqualTo(new[] { ("decider-known", true), ("decider-reached", false) }));
            Assert.That(Checks(q, "authority").Where(c => !c.Item2).Select(c => c.Item1), Is.EqualTo(new[] { "decider-supportive", "decider-covered" }));
            Assert.That(Checks(q, "timing"), Is.EqualTo(new[] { ("close-date-set", true), ("close-date-ahead", false) }));
            Assert.That(q["budget"]!["score"]!.GetValue<double>(), Is.EqualTo(0.75), "(1 + 1/2) / 2");
            Assert.That(q["authority"]!["score"]!.GetValue<double>(), Is.EqualTo(0.833333), "(1 + 4/6) / 2");
            Assert.That(q["timing"]!["score"]!.GetValue<double>(), Is.EqualTo(0.75));
            Assert.That(q["score"]!.GetValue<double>(), Is.EqualTo(0.833333).Within(1e-6), "0.25 × (0.75 + 0.833333 + 1 + 0.75)");
            Assert.That(q["readiness"]!.GetValue<string>(), Is.EqualTo("go"), "every element at least 0.5, the whole at least 0.75");
            Assert.That(q["reasons"]!.AsArray().Select(r => r!.GetValue<string>()),
                Does.Contain("Timing: The close date 2026-05-01 has passed: is the deal slipping?")
                    .And.Contain($"Authority: Sam (Decider) is skeptic, not supportive."));
        });
    }

    [Test]
    public async Task Reports_carry_the_qualification_of_their_moment()
    {
        await QualifiedAsync();
        var reports = await Client.PostAsJsonAsync("/api/reports", new { opportunityId = World.Deal }).ShouldBe(HttpStatusCode.Created);
        var id = reports[0]!["id"]!.GetValue<string>();

        var markdown = await GetTextAsync($"/api/reports/{id}", "text/markdown");
        var html = await GetTextAsync($"/api/reports/{id}", "text/html");

        Assert.Multiple(() =>
        {
            Assert.That(reports[0]!["qualification"]!["readiness"]!.GetValue<string>(), Is.EqualTo("go"));
            Assert.That(markdown, Does.Contain("## Qualification: go (readiness 1.00)"));
            Assert.That(html, Does.Contain("Qualification: <span class=\"readiness-go\">go</span>"));
        });
    }

    private async Task<string> GetTextAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", accept } } };
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
