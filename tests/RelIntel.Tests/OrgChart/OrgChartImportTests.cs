using System.Net;
using System.Net.Http.Json;
using System.Text;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.OrgChart;

public sealed class OrgChartImportTests : ApiTest
{

    private static string Pid(string org, int i) => $"{org}-{i}";

    /// <summary>A tree of <paramref name="count"/> people, five reports per manager, listed reports first.</summary>
    private static List<object> Tree(string org, int count) =>
        Enumerable.Range(0, count).Reverse().Select(i => (object)new
        {
            id = Pid(org, i),
            name = $"Person {i}",
            title = i == 0 ? "CEO" : "Staff",
            email = $"p{i}@{org}.example",
            seniority = i == 0 ? "executive" : "individual",
            managerId = i == 0 ? null : Pid(org, (i - 1) / 5),
            dottedManagerIds = i > 10 && i % 7 == 0 ? new[] { Pid(org, 1) } : null,
        }).ToList();

    private Task<PersonResponse> PersonAsync(string id) => Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);

    private async Task<long> HeadcountAsync(string org) =>
        (await Client.GetAsync($"/api/organizations/{org}/people?pageSize=1").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK)).Total;

    [Test]
    public async Task A_chart_of_5000_people_with_managers_after_their_reports_imports_and_a_resend_changes_nothing()
    {
        var org = await World.OrganizationAsync("customer", "Big Co");
        var chart = new { mode = "merge", people = Tree(org, 5000) };

        var answer = await PostAsync($"/api/organizations/{org}/org-chart", chart).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(5000));
        Assert.That(answer.Failed, Is.Zero);
        Assert.That(answer.Results[0].Id, Is.EqualTo(Pid(org, 4999)), "answers come in request order");
        Assert.That(await HeadcountAsync(org), Is.EqualTo(5000));

        var p4999 = await PersonAsync(Pid(org, 4999));
        Assert.That(p4999.ManagerId, Is.EqualTo(Pid(org, 999)));
        var p14 = await PersonAsync(Pid(org, 14));
        Assert.That(p14.ManagerId, Is.EqualTo(Pid(org, 2)));
        Assert.That(p14.DottedManagerIds, Is.EqualTo(new[] { Pid(org, 1) }));
        Assert.That((await PersonAsync(Pid(org, 0))).ManagerId, Is.Null);

        var again = await PostAsync($"/api/organizations/{org}/org-chart", chart).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(again.Created, Is.Zero);
        Assert.That(again.Updated, Is.EqualTo(5000));
        Assert.That(await HeadcountAsync(org), Is.EqualTo(5000));
        Assert.That((await PersonAsync(Pid(org, 14))).DottedManagerIds, Is.EqualTo(new[] { Pid(org, 1) }));
    }

    [Test]
    public async Task Replace_makes_exactly_the_people_not_in_the_chart_leave_and_erases_nobody()
    {
        var org = await World.OrganizationAsync("customer");
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Tree(org, 31) }).ShouldBe(HttpStatusCode.OK);

        // People 26..30 report to 5; drop them and person 5 is left without reports.
        var smaller = new { mode = "replace", people = Tree(org, 26) };
        var answer = await PostAsync($"/api/organizations/{org}/org-chart", smaller).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Left, Is.EqualTo(5));
        Assert.That(answer.LeftIds, Is.EquivalentTo(Enumerable.Range(26, 5).Select(i => Pid(org, i))));
        Assert.That(await HeadcountAsync(org), Is.EqualTo(26));
        for (var i = 26; i < 31; i++)
        {
            var leaver = await PersonAsync(Pid(org, i));
            Assert.That(leaver.LeftAt, Is.Not.Null);
            Assert.That(leaver.ManagerId, Is.Null, "their solid line ended");
            Assert.That(leaver.OrganizationId, Is.EqualTo(org), "they show the organization they left");
        }
        Assert.That((await PersonAsync(Pid(org, 25))).ManagerId, Is.EqualTo(Pid(org, 4)));
    }

    [Test]
    public async Task Bad_records_fail_one_by_one_with_a_207_and_nothing_of_them_is_written()
    {
        var org = await World.OrganizationAsync("customer");
        // One of ours with a relationship cannot turn up in a customer's chart (a move elsewhere is fine: PeopleMoveTests).
        var elsewhere = await World.PersonAsync(await World.OrganizationAsync("own"));
        await PutAsync("/api/relationships", new { ourPersonId = elsewhere, theirPersonId = await World.PersonAsync(org), strength = 0.5 })
            .ShouldBe(HttpStatusCode.Created);
        var people = new object[]
        {
            new { id = $"{org}-boss", name = "Boss" },
            new { id = $"{org}-bad-email", name = "Bad Email", email = "nope", managerId = $"{org}-boss" },
            new { id = $"{org}-under-bad", name = "Under Bad", managerId = $"{org}-bad-email" },
            new { id = $"{org}-ghost-manager", name = "Ghost", managerId = $"{org}-nobody" },
            new { id = $"{org}-boss", name = "Boss Again" },
            new { id = elsewhere, name = "Poached" },
            new { id = $"{org}-rank", name = "Rank", seniority = "emperor" },
            new { id = $"{org}-ok", name = "Fine", managerId = $"{org}-boss" },
        };

        var answer = await PostAsync($"/api/organizations/{org}/org-chart", new { people }).ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);
        var results = answer.Results;
        var (created, failed) = (RecordStatus.Created, RecordStatus.Failed);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { created, failed, failed, failed, failed, failed, failed, created }));
        string[] Fields(int i) => results[i].Errors!.Keys.ToArray();
        Assert.That(Fields(1), Is.EqualTo(new[] { "email" }));
        Assert.That(Fields(2), Is.EqualTo(new[] { "managerId" }), "its manager's record failed");
        Assert.That(Fields(3), Is.EqualTo(new[] { "managerId" }));
        Assert.That(Fields(4), Is.EqualTo(new[] { "id" }), "duplicate in the chart");
        Assert.That(Fields(5), Is.EqualTo(new[] { "id" }), "one of ours with relationships");
        Assert.That(Fields(6), Is.EqualTo(new[] { "seniority" }));

        Assert.That(await HeadcountAsync(org), Is.EqualTo(3), "the two stored records and the person ours knows");
        await Client.GetAsync($"/api/people/{org}-bad-email").ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.That((await PersonAsync(elsewhere)).Name, Is.EqualTo("Someone"));
    }

    [Test]
    public async Task A_chart_that_would_close_a_cycle_of_solid_lines_fails_those_records()
    {
        var org = await World.OrganizationAsync("customer");
        var people = new object[]
        {
            new { id = $"{org}-a", name = "A", managerId = $"{org}-b" },
            new { id = $"{org}-b", name = "B", managerId = $"{org}-a" },
            new { id = $"{org}-c", name = "C" },
        };
        var results = (await PostAsync($"/api/organizations/{org}/org-chart", new { people })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus)).Results;
        Assert.That(results[0].Errors!.Keys, Does.Contain("managerId"));
        Assert.That(results[1].Errors!.Keys, Does.Contain("managerId"));
        Assert.That(results[2].Status, Is.EqualTo(RecordStatus.Created));
    }

    [Test]
    public async Task A_csv_chart_imports_with_dotted_managers_separated_by_semicolons()
    {
        var org = await World.OrganizationAsync("customer");
        var csv = new StringBuilder()
            .AppendLine("id,name,title,email,department,seniority,managerId,dottedManagerIds")
            .AppendLine($"{org}-dana,\"Whitfield, Dana\",VP Operations,dana@x.example,Operations,vp,{org}-ceo,{org}-cfo;{org}-cto")
            .AppendLine($"{org}-ceo,Morgan Hale,CEO,,,executive,,")
            .AppendLine($"{org}-cfo,Lee Okafor,CFO,,,executive,{org}-ceo,")
            .AppendLine($"{org}-cto,Sam Ito,CTO,,,executive,{org}-ceo,")
            .ToString();
        var answer = await SendRawAsync(HttpMethod.Post, $"/api/organizations/{org}/org-chart?mode=merge", csv, "text/csv")
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(4));
        var dana = await PersonAsync($"{org}-dana");
        Assert.That(dana.Name, Is.EqualTo("Whitfield, Dana"));
        Assert.That(dana.ManagerId, Is.EqualTo($"{org}-ceo"));
        Assert.That(dana.DottedManagerIds, Is.EquivalentTo(new[] { $"{org}-cfo", $"{org}-cto" }));

        await SendRawAsync(HttpMethod.Post, $"/api/organizations/{org}/org-chart", "name,title\nX,Y\n", "text/csv")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "header");
    }

    [Test]
    public async Task The_same_idempotency_key_and_body_returns_the_first_answer_without_writing_again()
    {
        var org = await World.OrganizationAsync("customer");
        var key = Guid.NewGuid().ToString();
        var chart = new { people = new object[] { new { id = $"{org}-a", name = "Original" } } };
        HttpRequestMessage Send(object body) => new(HttpMethod.Post, $"/api/organizations/{org}/org-chart")
        {
            Content = JsonContent.Create(body),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await Client.SendAsync(Send(chart)).ShouldBe(HttpStatusCode.OK);
        await PutAsync($"/api/people/{org}-a", new { name = "Renamed since", organizationId = org }).ShouldBe(HttpStatusCode.OK);

        var replayed = await Client.SendAsync(Send(chart));
        var second = await replayed.ShouldBe(HttpStatusCode.OK);
        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
        Assert.That(replayed.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That((await PersonAsync($"{org}-a")).Name, Is.EqualTo("Renamed since"), "nothing written twice");

        var other = new { people = new object[] { new { id = $"{org}-b", name = "Other" } } };
        await Client.SendAsync(Send(other)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        await Client.GetAsync($"/api/people/{org}-b").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Wrong_organization_content_type_and_size_are_refused()
    {
        await PostAsync($"/api/organizations/{NewId("nowhere")}/org-chart", new { people = Array.Empty<object>() })
            .ShouldBeProblem(HttpStatusCode.NotFound, "id");
        var org = await World.OrganizationAsync("customer");
        await SendRawAsync(HttpMethod.Post, $"/api/organizations/{org}/org-chart", "<people/>", "application/xml")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        var huge = "{\"people\": [" + string.Join(",", Enumerable.Repeat("{\"id\":\"x\",\"name\":\"" + new string('n', 1000) + "\"}", 17_000)) + "]}";
        await SendRawAsync(HttpMethod.Post, $"/api/organizations/{org}/org-chart", huge).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        await PostAsync($"/api/organizations/{org}/org-chart", new { mode = "overwrite", people = Array.Empty<object>() })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "mode");
        await PostAsync($"/api/organizations/{org}/org-chart", new { mode = "merge" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "people");
        var tooMany = Enumerable.Range(0, 10_001).Select(i => new { id = $"x{i}", name = "X" }).ToList();
        // Refused at the first record too many, naming it.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = tooMany })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "people[10000]");
        Assert.That(await HeadcountAsync(org), Is.Zero);
    }
}
