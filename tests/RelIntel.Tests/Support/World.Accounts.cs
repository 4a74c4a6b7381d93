using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.OrgChart;

namespace RelIntel.Tests;

/// <summary>Organizations, people and the lines among them.</summary>
public sealed partial class World
{
    /// <summary>Our organization (made by <see cref="AccountAsync"/> or <see cref="PursuitAsync"/>).</summary>
    public string Us => scenario.Us;

    /// <summary>The customer account (made by <see cref="AccountAsync"/> or <see cref="PursuitAsync"/>).</summary>
    public string Customer => scenario.Customer;

    /// <summary>An organization of <paramref name="kind"/> (own, customer, partner, competitor) with a fresh id.</summary>
    public Task<string> OrganizationAsync(string kind, string name = "Org") =>
        CreateAsync($"/api/organizations/{$"org-{Guid.NewGuid():N}"[..16]}", new { name, kind });

    /// <summary>A person at <paramref name="organization"/> with a fresh id.</summary>
    public Task<string> PersonAsync(string organization, string name = "Someone", string? email = null, string? seniority = null,
        bool doNotContact = false) =>
        CreateAsync($"/api/people/{$"p-{Guid.NewGuid():N}"[..14]}",
            new { name, organizationId = Id(organization), email, seniority, doNotContact });

    /// <summary>Our organization "Us" and a customer, with ids ending in <see cref="Tag"/>.</summary>
    public async Task AccountAsync(string customer = "Globex")
    {
        scenario.Us = await CreateAsync($"/api/organizations/us-{Tag}", new { name = "Us", kind = "own" });
        scenario.Customer = await CreateAsync($"/api/organizations/them-{Tag}", new { name = customer, kind = "customer" });
    }

    /// <summary>A competitor, "Acme", for buying-center members who favor one.</summary>
    public Task<string> CompetitorAsync() => CreateAsync($"/api/organizations/acme-{Tag}", new { name = "Acme", kind = "competitor" });

    /// <summary>One of ours, named <paramref name="name"/> in the test; its id is the name in lower case and the tag.</summary>
    public async Task<string> OursAsync(string name, string? seniority = null) =>
        await CreateAsync($"/api/people/{Named(name, $"{name.ToLowerInvariant()}-{Tag}")}",
            new { name, organizationId = Us, seniority, doNotContact = false });

    /// <summary>One of the customer's people, named <paramref name="name"/> in the test.</summary>
    public async Task<string> TheirsAsync(string name, string? seniority = null, bool doNotContact = false) =>
        await CreateAsync($"/api/people/{Named(name, $"{name.ToLowerInvariant()}-{Tag}")}",
            new { name, organizationId = Customer, seniority, doNotContact });

    /// <summary>One of the customer's people as an org-chart import brings them.</summary>
    public sealed record ChartPerson(string Name, string? Department, string? Seniority, string? Manager = null, string? Title = null);

    /// <summary>The customer's people in one org-chart import (merge; managers may come after their reports).</summary>
    public async Task TheirChartAsync(params ChartPerson[] people)
    {
        foreach (var person in people) Named(person.Name, $"{person.Name.ToLowerInvariant()}-{Tag}");
        var chart = new
        {
            mode = "merge",
            people = people.Select(p => new
            {
                id = Id(p.Name), name = p.Name, title = p.Title, department = p.Department, seniority = p.Seniority,
                managerId = p.Manager is null ? null : Id(p.Manager),
            }),
        };
        var answer = await client.PostAsJsonAsync($"/api/organizations/{Customer}/org-chart", chart).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Failed, Is.Zero, string.Join("; ", answer.Results.Where(r => r.Errors is not null).Select(r => $"{r.Id}: {string.Join(", ", r.Errors!.Keys)}")));
    }

    /// <summary>A reporting line: solid, dotted or informal.</summary>
    public Task ReportsToAsync(string person, string manager, string kind = "solid") =>
        PutAsync("/api/reporting-lines", new { personId = Id(person), managerId = Id(manager), kind });

    /// <summary>Marks a person do-not-contact, re-sending what is stored so their lines stay.</summary>
    public async Task DoNotContactAsync(string person)
    {
        var stored = await client.GetAsync($"/api/people/{Id(person)}").ShouldBe(HttpStatusCode.OK);
        stored["doNotContact"] = true;
        await client.PutAsJsonAsync($"/api/people/{Id(person)}", stored).ShouldBe(HttpStatusCode.OK);
    }
}
