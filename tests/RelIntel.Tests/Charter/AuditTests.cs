using System.Net;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>
/// The audit is written a moment after each answer, in batches: no entry is lost when the service stops, reading the
/// audit shows what was just read, and an entry still pending on one instance while another erases the person it names
/// keeps no copy of them.
/// </summary>
public sealed class AuditTests : ApiTest
{
    private async Task<(string Own, string Seller, string Customer, string Buyer)> ScenarioAsync(string buyerName)
    {
        var own = await World.OrganizationAsync("own", "Us");
        var customer = await World.OrganizationAsync("customer", "Them");
        var seller = await World.PersonAsync(own, "Sal Seller");
        var buyer = await World.PersonAsync(customer, buyerName);
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = buyer, strength = 0.5, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        return (own, seller, customer, buyer);
    }

    [Test]
    public async Task Entries_still_pending_when_an_instance_stops_are_written_before_it_goes()
    {
        var (_, seller, _, buyer) = await ScenarioAsync("Bea Buyer");
        var key = await Keys.CreateAsync("integration");
        await using (var other = new RelIntelApp(TestNeo4j.Uri))
        {
            using var client = other.CreateClientWithKey(key.Secret);
            for (var i = 0; i < 25; i++)
                await client.GetAsync($"/api/people/{buyer}/relationships").ShouldBe(HttpStatusCode.OK);
        }
        var audit = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(key.Name)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.That(audit.Total, Is.EqualTo(25));
        Assert.That(audit.Items.Select(e => e.Relationships[0]), Is.All.EqualTo($"{seller}|{buyer}"));
    }

    [Test]
    public async Task An_entry_pending_on_one_instance_while_another_erases_its_person_keeps_no_copy_of_them()
    {
        var name = $"Pia Pending {Guid.NewGuid():N}"[..22];
        var (_, seller, _, buyer) = await ScenarioAsync(name);
        var key = await Keys.CreateAsync("integration", name: $"reader of {name}");
        await using (var other = new RelIntelApp(TestNeo4j.Uri))
        {
            using var client = other.CreateClientWithKey(key.Secret);
            await client.GetAsync($"/api/people/{buyer}/relationships").ShouldBe(HttpStatusCode.OK);
            // Erased here while the other instance may still hold the entry; it stops (and writes it) afterwards.
            await Client.DeleteAsync($"/api/people/{buyer}").ShouldBe(HttpStatusCode.NoContent);
        }

        Assert.That(await GraphScan.OccurrencesOf(buyer), Is.Zero, "the erased id is in the graph");
        Assert.That(await GraphScan.OccurrencesOf(name), Is.Zero, "the erased name is in the graph");
        var audit = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString("reader of [erased]")}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        var entry = audit.Items.Single(e => e.CallerKeyId == key.Id);
        Assert.That(entry.Path, Is.EqualTo("/api/people/[erased]/relationships"));
        Assert.That(entry.Relationships[0], Is.EqualTo($"{seller}|[erased]"));
    }
}
