using RelIntel.Client;

namespace RelIntel.Tests.Client;

/// <summary>
/// A PATCH through the generated client changes the fields it sets and nothing else (the client leaves unset properties
/// out, so merge-patch keeps them); a null sent on purpose clears one.
/// </summary>
public sealed class MergePatchTests : ClientTest
{
    private async Task<string> DealAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var account = $"org-{suffix}";
        await Client.UpsertOrganizationAsync(account, new OrganizationRequest { Name = "Globex", Kind = OrganizationKind.Customer, Industry = "Manufacturing" });
        var deal = $"opp-{suffix}";
        await Client.UpsertOpportunityAsync(deal, new OpportunityRequest
        {
            Name = "Platform", OrganizationId = account, Stage = OpportunityStage.Proposal, Amount = 480000, Currency = "USD",
            CloseDate = new DateOnly(2027, 3, 31),
            Budget = new Bant { Status = BantStatus.Identified, Note = "Capex line approved" },
            Authority = new Bant { Status = BantStatus.Confirmed, Note = "CFO signs" },
        });
        return deal;
    }

    [Test]
    public async Task A_patch_of_one_field_leaves_the_others()
    {
        var deal = await DealAsync();

        var patched = await Client.PatchOpportunityAsync(deal, new OpportunityRequest { Amount = 520000 });

        Assert.Multiple(() =>
        {
            Assert.That(patched.Amount, Is.EqualTo(520000));
            Assert.That(patched.Name, Is.EqualTo("Platform"));
            Assert.That(patched.Stage, Is.EqualTo(OpportunityStage.Proposal));
            Assert.That(patched.Currency, Is.EqualTo("USD"));
            Assert.That(patched.CloseDate, Is.EqualTo(new DateOnly(2027, 3, 31)));
            Assert.That(patched.Budget?.Status, Is.EqualTo(BantStatus.Identified));
            Assert.That(patched.Budget?.Note, Is.EqualTo("Capex line approved"));
            Assert.That(patched.Authority?.Status, Is.EqualTo(BantStatus.Confirmed));
        });
    }

    [Test]
    public async Task A_nested_field_merges_and_a_null_sent_on_purpose_clears()
    {
        var deal = await DealAsync();
        var body = new OpportunityRequest { Budget = new Bant { Status = BantStatus.Confirmed } };
        body.AdditionalProperties["closeDate"] = null!;

        var patched = await Client.PatchOpportunityAsync(deal, body);

        Assert.Multiple(() =>
        {
            Assert.That(patched.Budget?.Status, Is.EqualTo(BantStatus.Confirmed));
            Assert.That(patched.Budget?.Note, Is.EqualTo("Capex line approved"), "the budget's note is kept");
            Assert.That(patched.CloseDate, Is.Null, "cleared by the null sent on purpose");
            Assert.That(patched.Amount, Is.EqualTo(480000));
        });
    }
}
