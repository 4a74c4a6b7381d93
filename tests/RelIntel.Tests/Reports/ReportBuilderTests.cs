using RelIntel.Api.Infrastructure;
using System.Net;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Reports;

/// <summary>Reports put together from hand-built answers: the diff, and the same facts in Markdown and HTML.</summary>
public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 7, 0, 0, TimeSpan.Zero);
    private static readonly PersonRef Ava = new("acme-ava", "Ava <Reyes>");
    private static readonly PersonRef Sol = new("acme-sol", "Sol Park");
    private static readonly PersonSummary Ito = new("globex-ito", "Sam \"The Boss\" Ito", "CTO");
    private static readonly PersonSummary Dana = new("globex-dana", "Dana Whitfield & Co", "VP Operations");

    private static readonly PriorityFactors ItoFactors = new(BuyingRole.Decider, 1, 5, 1, 1, OpportunityStage.Proposal);
    private static readonly PriorityFactors DanaFactors = new(BuyingRole.User, 0.4, 4, 0.8, 0.8, OpportunityStage.Proposal);

    private static WarmPath Path(double score, params PersonRef[] people) => new(score, score, people.Length - 1, 1,
        people.Zip(people.Skip(1), (from, to) => new PathHop(from, to, HopType.Knows, null, score, "declared")).ToList(),
        $"{people[0].Name} reaches {people[^1].Name}.", []);

    private static (RecommendationsResponse, PowerMapResponse) Answers(PowerMapStatus status, double itoCoverage, WarmPath? itoPath,
        params Gap[] gaps)
    {
        var danaPath = Path(0.7, Ava, new PersonRef(Dana.Id, Dana.Name));
        var members = new List<PowerMapMember>
        {
            new(Ito, [BuyingRole.Decider], Attitude.Skeptic, 5, false, null, itoCoverage, itoPath) { Priority = 1.0, PriorityFactors = ItoFactors },
            new(Dana, [BuyingRole.User], Attitude.Champion, 4, true, null, 0.7, danaPath) { Priority = 0.26, PriorityFactors = DanaFactors },
        };
        var targets = new List<TargetRecommendation>
        {
            new(Ito, [BuyingRole.Decider], Attitude.Skeptic, false, 1.0, ItoFactors, itoCoverage,
                itoPath is null ? [] : [itoPath]),
            new(Dana, [BuyingRole.User], Attitude.Champion, true, 0.26, DanaFactors, 0.7, [danaPath]),
        };
        var plan = new List<PlanEntry> { new(Ava, new PersonRef(Dana.Id, Dana.Name), 0.7, [], "Ava knows Dana | directly.") };
        var recommendations = new RecommendationsResponse("opp-1", targets, plan, gaps, "ranking");
        var powerMap = new PowerMapResponse(new OpportunitySummary("opp-1", "Globex *platform*", "globex", OpportunityStage.Proposal), status,
            "because", members, [], gaps);
        return (recommendations, powerMap);
    }

    [Test]
    public void The_diff_shows_coverage_gained_a_gap_closed_a_new_route_and_the_status_change()
    {
        var uncovered = new Gap(GapCode.UncoveredTarget, "No warm path reaches Sam Ito.", Ito.Id);
        var noCoach = new Gap(GapCode.NoCoach, "No coach.");
        var (r1, p1) = Answers(PowerMapStatus.Amber, 0, null, uncovered, noCoach);
        var first = ReportBuilder.Build(new("rep-1", Monday), r1, p1, [], null, 0.01);
        Assert.That(first.Changes.PreviousReportId, Is.Null);
        Assert.That(first.Coverage.Select(m => m.Person.Id), Is.EqualTo(new[] { Ito.Id, Dana.Id }), "by priority");

        var itoPath = Path(0.56, Sol, new PersonRef(Ito.Id, Ito.Name));
        var (r2, p2) = Answers(PowerMapStatus.Green, 0.56, itoPath, noCoach);
        var second = ReportBuilder.Build(new("rep-2", Monday.AddDays(7)), r2, p2, [], first, 0.01);

        var changes = second.Changes;
        Assert.That(changes.PreviousReportId, Is.EqualTo("rep-1"));
        Assert.That(changes.Status, Is.EqualTo(new StatusChange(PowerMapStatus.Amber, PowerMapStatus.Green)));
        Assert.That(changes.CoverageGained, Is.EqualTo(new[] { new CoverageChange(new PersonRef(Ito.Id, Ito.Name), 0, 0.56) }));
        Assert.That(changes.CoverageLost, Is.Empty);
        Assert.That(changes.NewRoutes.Single().Route.Key, Is.EqualTo($"{Sol.Id}>{Ito.Id}"));
        Assert.That(changes.LostRoutes, Is.Empty);
        Assert.That(changes.GapsClosed, Is.EqualTo(new[] { uncovered }));
        Assert.That(changes.GapsOpened, Is.Empty);

        // Nothing changed: an empty diff.
        var third = ReportBuilder.Build(new("rep-3", Monday.AddDays(14)), r2, p2, [], second, 0.01);
        Assert.That(third.Changes with { PreviousReportId = null, PreviousGeneratedAt = null },
            Is.EqualTo(ReportChanges.None).Using<ReportChanges>(Same));
    }

    private static bool Same(ReportChanges a, ReportChanges b) =>
        a.Status == b.Status && a.CoverageGained.Count == b.CoverageGained.Count && a.CoverageLost.Count == b.CoverageLost.Count
        && a.NewRoutes.Count == b.NewRoutes.Count && a.LostRoutes.Count == b.LostRoutes.Count && a.GapsOpened.Count == b.GapsOpened.Count
        && a.GapsClosed.Count == b.GapsClosed.Count;

    [Test]
    public void A_changed_best_route_is_one_lost_and_one_new_and_small_drifts_are_no_change()
    {
        var viaSol = Path(0.5, Sol, new PersonRef(Ito.Id, Ito.Name));
        var viaAva = Path(0.505, Ava, new PersonRef(Ito.Id, Ito.Name));
        var (r1, p1) = Answers(PowerMapStatus.Green, 0.5, viaSol);
        var (r2, p2) = Answers(PowerMapStatus.Green, 0.505, viaAva);
        var first = ReportBuilder.Build(new("rep-1", Monday), r1, p1, [], null, 0.01);
        var second = ReportBuilder.Build(new("rep-2", Monday), r2, p2, [], first, 0.01);
        Assert.That(second.Changes.CoverageGained, Is.Empty);
        Assert.That(second.Changes.NewRoutes.Single().Route.Key, Is.EqualTo($"{Ava.Id}>{Ito.Id}"));
        Assert.That(second.Changes.LostRoutes.Single().Route.Key, Is.EqualTo($"{Sol.Id}>{Ito.Id}"));
        Assert.That(second.Changes.Status, Is.Null);
    }

    [Test]
    public void A_target_newly_reached_is_a_plan_change_that_says_we_have_a_route_now()
    {
        var (r1, p1) = Answers(PowerMapStatus.Amber, 0, null);
        var first = ReportBuilder.Build(new("rep-1", Monday), r1, p1, [], null, 0.01);
        var itoPath = Path(0.56, Sol, new PersonRef(Ito.Id, Ito.Name));
        var (r2, p2) = Answers(PowerMapStatus.Green, 0.56, itoPath);
        r2 = r2 with { Plan = [.. r2.Plan, new PlanEntry(Sol, new PersonRef(Ito.Id, Ito.Name), 0.56, [], "route score 0.56 directly.")] };

        var second = ReportBuilder.Build(new("rep-2", Monday.AddDays(7)), r2, p2, [], first, 0.01);

        var change = second.Changes.PlanEntries.Single();
        Assert.That((change.Target.Id, change.Before, change.After), Is.EqualTo((Ito.Id, (PersonRef?)null, (PersonRef?)Sol)));
        Assert.That(change.Reason, Is.EqualTo($"{Sol.Name} now engages {Ito.Name} (we have a route to them now): route score 0.56 directly."));
        Assert.That(second.Changes.Targets, Is.Empty, "nobody's priority moved");
        Assert.That(second.Changes.Stage, Is.Null);
    }

    [Test]
    public void Markdown_and_html_escape_names_and_show_the_same_facts()
    {
        var uncovered = new Gap(GapCode.UncoveredTarget, "No warm path reaches <script>alert(1)</script>.", Ito.Id);
        var (r1, p1) = Answers(PowerMapStatus.Amber, 0, null, uncovered);
        var first = ReportBuilder.Build(new("rep-1", Monday), r1, p1, [], null, 0.01);
        var (r2, p2) = Answers(PowerMapStatus.Green, 0.56, Path(0.56, Sol, new PersonRef(Ito.Id, Ito.Name)));
        var report = ReportBuilder.Build(new("rep-2", Monday), r2, p2,
            [new StaleRelationship(Ava, new PersonRef(Dana.Id, Dana.Name), Monday.AddDays(-200), Monday.AddDays(-20))], first, 0.01);
        report = report with { Deliveries = [new DeliveryAttempt(1, Monday, 503, null, DeliveryOutcome.Retrying)] };

        var html = ReportRendering.Html(report);
        var markdown = ReportRendering.Markdown(report);
        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Not.Contain("Ava <Reyes>"));
        Assert.That(markdown, Does.Not.Contain("<Reyes>"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("status-green"));
        Assert.That(html, Does.Contain("attitude-skeptic"));

        foreach (var fact in ReportFacts.Of(report))
        {
            Assert.That(WebUtility.HtmlDecode(html), Does.Contain(fact), $"HTML lacks '{fact}'");
            Assert.That(ReportFacts.UnescapeMarkdown(markdown), Does.Contain(fact), $"Markdown lacks '{fact}'");
        }
    }
}
