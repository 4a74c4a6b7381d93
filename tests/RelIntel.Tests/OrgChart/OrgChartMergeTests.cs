using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.OrgChart;

namespace RelIntel.Tests.OrgChart;

/// <summary>
/// Issue #25: what a sync does not send, it does not erase. A merge keeps stored fields a record leaves out; a JSON null
/// or an empty CSV cell clears; CSV headers and rows are checked; numbers are numbers.
/// </summary>
public sealed class OrgChartMergeTests : ApiTest
{

    private string Chart(string org, string query = "") => $"/api/organizations/{org}/org-chart{query}";

    private Task<PersonResponse> PersonAsync(string id) => Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);

    /// <summary>An organization with Ava (full record, reporting to the boss, dotted to the CFO) and her two managers.</summary>
    private async Task<string> StoredAvaAsync()
    {
        var org = await World.OrganizationAsync("customer");
        await PostAsync(Chart(org), new
        {
            people = new object[]
            {
                new { id = $"{org}-boss", name = "Boss" },
                new { id = $"{org}-cfo", name = "CFO" },
                new
                {
                    id = $"{org}-ava", name = "Ava Reyes", title = "Director", email = "ava@x.example", department = "Finance",
                    seniority = "director", managerId = $"{org}-boss", dottedManagerIds = new[] { $"{org}-cfo" },
                },
            },
        }).ShouldBe(HttpStatusCode.OK);
        return org;
    }

    [Test]
    public async Task A_json_merge_keeps_the_fields_a_record_leaves_out_and_clears_those_sent_as_null()
    {
        var org = await StoredAvaAsync();

        await PostAsync(Chart(org), new { mode = "merge", people = new object[] { new { id = $"{org}-ava", name = "Ava Reyes", title = "VP" } } })
            .ShouldBe(HttpStatusCode.OK);
        var ava = await PersonAsync($"{org}-ava");
        Assert.That(ava.Title, Is.EqualTo("VP"));
        Assert.That(ava.Email, Is.EqualTo("ava@x.example"), "email was not sent: kept");
        Assert.That(ava.Department, Is.EqualTo("Finance"));
        Assert.That(ava.Seniority, Is.EqualTo(Seniority.Director));
        Assert.That(ava.ManagerId, Is.EqualTo($"{org}-boss"), "managerId was not sent: the line stays");
        Assert.That(ava.DottedManagerIds, Is.EqualTo(new[] { $"{org}-cfo" }));

        await PostAsync(Chart(org), new { people = new object?[] { new { id = $"{org}-ava", name = "Ava Reyes", email = (string?)null, managerId = (string?)null } } })
            .ShouldBe(HttpStatusCode.OK);
        ava = await PersonAsync($"{org}-ava");
        Assert.That(ava.Email, Is.Null, "a null clears");
        Assert.That(ava.ManagerId, Is.Null, "a null managerId ends the solid line");
        Assert.That(ava.Department, Is.EqualTo("Finance"));
        Assert.That(ava.DottedManagerIds, Is.EqualTo(new[] { $"{org}-cfo" }), "dotted lines were not sent: kept");
    }

    [Test]
    public async Task A_replace_replaces_the_set_of_people_but_keeps_fields_it_was_not_sent()
    {
        var org = await StoredAvaAsync();
        await PostAsync(Chart(org), new
        {
            mode = "replace",
            people = new object[] { new { id = $"{org}-boss", name = "Boss" }, new { id = $"{org}-ava", name = "Ava R." } },
        }).ShouldBe(HttpStatusCode.OK);

        var ava = await PersonAsync($"{org}-ava");
        Assert.That(ava.Name, Is.EqualTo("Ava R."));
        Assert.That(ava.Email, Is.EqualTo("ava@x.example"));
        Assert.That(ava.Title, Is.EqualTo("Director"));
        Assert.That(ava.ManagerId, Is.EqualTo($"{org}-boss"));
    }

    [Test]
    public async Task A_csv_merge_without_a_column_keeps_it_and_a_present_column_with_an_empty_cell_clears_it()
    {
        var org = await StoredAvaAsync();
        var csv = $"id,name,title,email\n{org}-ava,Ava Reyes,VP,\n";
        await SendRawAsync(HttpMethod.Post, Chart(org, "?mode=merge"), csv, "text/csv").ShouldBe(HttpStatusCode.OK);

        var ava = await PersonAsync($"{org}-ava");
        Assert.That(ava.Title, Is.EqualTo("VP"));
        Assert.That(ava.Email, Is.Null, "the email column is present and its cell empty: cleared");
        Assert.That(ava.Department, Is.EqualTo("Finance"), "no department column: kept");
        Assert.That(ava.ManagerId, Is.EqualTo($"{org}-boss"), "no managerId column: the line stays");
        Assert.That(ava.DottedManagerIds, Is.EqualTo(new[] { $"{org}-cfo" }));
    }

    [Test]
    public async Task An_unknown_csv_column_is_refused_naming_the_nearest_known_one_and_accepted_when_told_to_ignore_it()
    {
        var org = await StoredAvaAsync();
        var csv = $"id,name,title,manager\n{org}-ava,Ava Reyes,VP,{org}-cfo\n";

        var problem = await SendRawAsync(HttpMethod.Post, Chart(org, "?mode=replace"), csv, "text/csv")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "manager");
        Assert.That(problem["errors"]!["manager"]![0]!.GetValue<string>(), Does.Contain("Did you mean 'managerId'?"));
        Assert.That((await PersonAsync($"{org}-boss")).Name, Is.EqualTo("Boss"), "nothing was written");

        var answer = await SendRawAsync(HttpMethod.Post, Chart(org, "?ignoreUnknownColumns=true"), csv, "text/csv").ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.IgnoredColumns, Is.EqualTo(new[] { "manager" }));
        Assert.That((await PersonAsync($"{org}-ava")).ManagerId, Is.EqualTo($"{org}-boss"), "the ignored column changed nothing");

        var json = await PostAsync(Chart(org), new { people = new object[] { new { id = $"{org}-ava", name = "Ava Reyes" } } }).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(json.IgnoredColumns, Is.Empty);
    }

    [Test]
    public async Task Csv_rows_with_fewer_or_more_cells_than_the_header_are_refused_naming_the_row()
    {
        var org = await World.OrganizationAsync("customer");
        var shortRow = $"id,name,title\n{org}-a,A,Boss\n{org}-b,B,Staff\n{org}-c,C\n";
        var problem = await SendRawAsync(HttpMethod.Post, Chart(org), shortRow, "text/csv").ShouldBeProblem(HttpStatusCode.BadRequest, "people[2]");
        Assert.That(problem["errors"]!["people[2]"]![0]!.GetValue<string>(), Does.StartWith("Row 3 (line 4 of the file) has 2 cell(s); the header has 3."));

        var longRow = $"id,name\n{org}-a,A,extra\n";
        await SendRawAsync(HttpMethod.Post, Chart(org), longRow, "text/csv").ShouldBeProblem(HttpStatusCode.BadRequest, "people[0]");
        await Client.GetAsync($"/api/people/{org}-a").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Semicolon_and_tab_separated_files_are_recognized_from_their_header()
    {
        var org = await World.OrganizationAsync("customer");
        var semicolons = $"id;name;title;dottedManagerIds\n{org}-a;\"Reyes, Ava\";Boss;\n{org}-b;Bo;Staff;\"{org}-a;{org}-c\"\n{org}-c;Cy;Staff;\n";
        var answer = await SendRawAsync(HttpMethod.Post, Chart(org), semicolons, "text/csv").ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(3));
        Assert.That((await PersonAsync($"{org}-a")).Name, Is.EqualTo("Reyes, Ava"));
        Assert.That((await PersonAsync($"{org}-b")).DottedManagerIds, Is.EquivalentTo(new[] { $"{org}-a", $"{org}-c" }));

        var tabs = $"id\tname\ttitle\n{org}-a\tAva\tChief\n";
        await SendRawAsync(HttpMethod.Post, Chart(org), tabs, "text/csv").ShouldBe(HttpStatusCode.OK);
        Assert.That((await PersonAsync($"{org}-a")).Title, Is.EqualTo("Chief"));

        var pipes = $"id|name\n{org}-a|Ava\n";
        var problem = await SendRawAsync(HttpMethod.Post, Chart(org), pipes, "text/csv").ShouldBeProblem(HttpStatusCode.BadRequest, "header");
        Assert.That(problem["errors"]!["header"]![0]!.GetValue<string>(), Does.Contain("'|'"));
    }

    [Test]
    public async Task A_string_where_a_json_record_has_a_list_or_a_number_where_a_string_belongs_is_refused_naming_the_field()
    {
        var org = await World.OrganizationAsync("customer");
        await SendRawAsync(HttpMethod.Post, Chart(org), $$"""{"people": [{"id": "{{org}}-a", "name": "A", "title": 5}]}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "people[0].title");
        await SendRawAsync(HttpMethod.Post, Chart(org), $$"""{"people": [{"id": "{{org}}-a", "name": "A", "dottedManagerIds": "x"}]}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "people[0].dottedManagerIds");
    }
}
