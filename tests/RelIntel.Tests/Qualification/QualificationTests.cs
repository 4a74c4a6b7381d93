using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain;
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

    private static IEnumerable<(string, bool)> Checks(QualificationElement element) => element.Evidence.Select(c => (c.Check, c.Passed));

    private static IEnumerable<(string Name, QualificationElement Element)> Elements(QualificationBlock q) =>
        [("budget", q.Budget), ("authority", q.Authority), ("need", q.Need), ("timing", q.Timing)];

    [Test]
    public async Task A_confirmed_pursuit_with_a_supportive_covered_decider_approver_and_user_is_a_go()
    {
        await QualifiedAsync();

        var recommendations = JsonNode.Parse(await World.TextAsync($"/api/opportunities/{World.Deal}/recommendations?pathsPerTarget=3"))!;
        var map = JsonNode.Parse(await World.TextAsync($"/api/opportunities/{World.Deal}/power-map"))!;
        var q = map["qualification"]!.Read<QualificationBlock>();

        Assert.Multiple(() =>
        {
            Assert.That(q.Readiness, Is.EqualTo(Readiness.Go));
            Assert.That(q.Score, Is.EqualTo(1));
            foreach (var (name, element) in Elements(q))
            {
                Assert.That(Checks(element).Select(c => c.Item2), Is.All.True, name);
                Assert.That(element.Declared, Is.EqualTo(BantStatus.Confirmed));
            }
            Assert.That(Checks(q.Authority).Select(c => c.Item1), Is.EqualTo(new[]
            {
                "decider-known", "approver-known", "decider-supportive", "approver-supportive", "decider-covered", "approver-covered",
            }));
            Assert.That(q.Reasons, Has.Exactly(1).StartsWith("Go:"));
            Assert.That(q.CloseDate, Is.EqualTo(new DateOnly(2026, 12, 31)));
            Assert.That(recommendations["qualification"]!.ToJsonString(), Is.EqualTo(map["qualification"]!.ToJsonString()),
                "the same block, word for word, in every answer");
        });
    }

    [Test]
    public async Task Nothing_declared_and_nobody_in_the_buying_center_is_a_no_go_with_every_check_failing()
    {
        await World.PursuitAsync();

        var q = (await World.PowerMapAsync()).Qualification!;

        Assert.Multiple(() =>
        {
            Assert.That(q.Readiness, Is.EqualTo(Readiness.NoGo));
            Assert.That(q.Score, Is.Zero);
            foreach (var (name, element) in Elements(q))
            {
                Assert.That(Checks(element).Select(c => c.Item2), Is.All.False, name);
                Assert.That(element.Declared, Is.EqualTo(BantStatus.Unknown));
                Assert.That(element.Score, Is.Zero);
            }
            Assert.That(q.Reasons, Does.Contain("No-go: Budget scores 0, below 0.5.")
                .And.Contain("No-go: Readiness 0 is below 0.75.").And.Contain("Timing: No close date is set."));
        });
    }

    [Test]
    public async Task A_budget_declared_missing_is_a_no_go_however_good_the_rest()
    {
        await QualifiedAsync(budget: new { status = "missing", note = "No capex this year" });

        var q = (await World.PowerMapAsync()).Qualification!;

        Assert.Multiple(() =>
        {
            Assert.That(q.Score, Is.EqualTo(0.875), "budget (0 + 1) / 2, the rest 1");
            Assert.That(q.Readiness, Is.EqualTo(Readiness.NoGo));
            Assert.That(q.Reasons[0], Is.EqualTo("No-go: Budget is declared missing."));
            Assert.That(q.Budget.Note, Is.EqualTo("No capex this year"));
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

        var q = (await World.PowerMapAsync()).Qualification!;

        Assert.Multiple(() =>
        {
            Assert.That(Checks(q.Budget), Is.EqualTo(new[] { ("decider-known", true), ("decider-reached", false) }));
            Assert.That(Checks(q.Authority).Where(c => !c.Item2).Select(c => c.Item1), Is.EqualTo(new[] { "decider-supportive", "decider-covered" }));
            Assert.That(Checks(q.Timing), Is.EqualTo(new[] { ("close-date-set", true), ("close-date-ahead", false) }));
            Assert.That(q.Budget.Score, Is.EqualTo(0.75), "(1 + 1/2) / 2");
            Assert.That(q.Authority.Score, Is.EqualTo(0.833333), "(1 + 4/6) / 2");
            Assert.That(q.Timing.Score, Is.EqualTo(0.75));
            Assert.That(q.Score, Is.EqualTo(0.833333).Within(1e-6), "0.25 × (0.75 + 0.833333 + 1 + 0.75)");
            Assert.That(q.Readiness, Is.EqualTo(Readiness.Go), "every element at least 0.5, the whole at least 0.75");
            Assert.That(q.Reasons,
                Does.Contain("Timing: The close date 2026-05-01 has passed: is the deal slipping?")
                    .And.Contain($"Authority: Sam (Decider) is skeptic, not supportive."));
        });
    }

    [Test]
    public async Task Reports_carry_the_qualification_of_their_moment()
    {
        await QualifiedAsync();
        var report = await World.ReportAsync();
        var id = report.Id;

        var markdown = await GetTextAsync($"/api/reports/{id}", "text/markdown");
        var html = await GetTextAsync($"/api/reports/{id}", "text/html");

        Assert.Multiple(() =>
        {
            Assert.That(report.Qualification!.Readiness, Is.EqualTo(Readiness.Go));
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
