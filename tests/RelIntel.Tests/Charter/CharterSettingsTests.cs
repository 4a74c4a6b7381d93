using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Relationships;

namespace RelIntel.Tests.Charter;

/// <summary>The charter: from configuration until an admin stores one; validated; applied to new relationships.</summary>
[NonParallelizable]
public sealed class CharterSettingsTests : ApiTest
{
    [TearDown]
    public async Task BackToConfiguration() => await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

    private static object Valid(string defaultVisibility = "team", bool managersSeeReportsPrivate = false) => new
    {
        defaultVisibility,
        introductionsAllowed = false,
        learnedStrengthHalfLifeDays = 30,
        staleAfterDays = 60,
        managersSeeReportsPrivate,
        interactionWeights = new { meeting = 2.0 },
    };

    [Test]
    public async Task The_configured_charter_applies_until_one_is_stored()
    {
        var charter = await Client.GetAsync("/api/charter").ShouldBe<CharterResponse>(HttpStatusCode.OK);
        Assert.That(charter.Source, Is.EqualTo("configuration"));
        Assert.That(charter.DefaultVisibility, Is.EqualTo(Visibility.Team));
        Assert.That(charter.LearnedStrengthHalfLifeDays, Is.EqualTo(90));
        Assert.That(charter.StaleAfterDays, Is.EqualTo(180));
        Assert.That(charter.IntroductionsAllowed, Is.True);
        Assert.That(charter.ManagersSeeReportsPrivate, Is.False);
        Assert.That(charter.InteractionWeights.Email, Is.EqualTo(0.2));
    }

    [Test]
    public async Task A_stored_charter_is_read_back_and_keeps_weights_left_out()
    {
        var stored = await Client.PutAsJsonAsync("/api/charter", Valid("company")).ShouldBe<CharterResponse>(HttpStatusCode.OK);
        Assert.That(stored.Source, Is.EqualTo("stored"));
        Assert.That(stored.UpdatedBy, Is.EqualTo("bootstrap-admin"));
        var charter = await Client.GetAsync("/api/charter").ShouldBe<CharterResponse>(HttpStatusCode.OK);
        Assert.That(charter.DefaultVisibility, Is.EqualTo(Visibility.Company));
        Assert.That(charter.IntroductionsAllowed, Is.False);
        Assert.That(charter.LearnedStrengthHalfLifeDays, Is.EqualTo(30));
        Assert.That(charter.StaleAfterDays, Is.EqualTo(60));
        Assert.That(charter.InteractionWeights.Meeting, Is.EqualTo(2.0));
        Assert.That(charter.InteractionWeights.Email, Is.EqualTo(0.2));

        var reset = await Client.DeleteAsync("/api/charter").ShouldBe<CharterResponse>(HttpStatusCode.OK);
        Assert.That(reset.Source, Is.EqualTo("configuration"));
    }

    [Test]
    public async Task The_stored_default_visibility_applies_to_new_relationships()
    {
        await Client.PutAsJsonAsync("/api/charter", Valid("private")).ShouldBe(HttpStatusCode.OK);
        var ours = await World.PersonAsync(await World.OrganizationAsync("own"));
        var theirs = await World.PersonAsync(await World.OrganizationAsync("customer"));
        var created = await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs }).ShouldBe<RelationshipWriteResponse>(HttpStatusCode.Created);
        Assert.That(created.Relationship!.Visibility, Is.EqualTo(Visibility.Private));
        Assert.That(created.Relationship!.Strength.HalfLifeDays, Is.EqualTo(30));
    }

    [TestCase("{}", "defaultVisibility")]
    [TestCase("{}", "introductionsAllowed")]
    [TestCase("{}", "managersSeeReportsPrivate")]
    [TestCase("""{"defaultVisibility":"team","introductionsAllowed":true,"learnedStrengthHalfLifeDays":0,"staleAfterDays":10,"managersSeeReportsPrivate":false}""", "learnedStrengthHalfLifeDays")]
    [TestCase("""{"defaultVisibility":"team","introductionsAllowed":true,"learnedStrengthHalfLifeDays":10,"staleAfterDays":4000,"managersSeeReportsPrivate":false}""", "staleAfterDays")]
    [TestCase("""{"defaultVisibility":"everyone","introductionsAllowed":true,"learnedStrengthHalfLifeDays":10,"staleAfterDays":10,"managersSeeReportsPrivate":false}""", "defaultVisibility")]
    [TestCase("""{"defaultVisibility":"team","introductionsAllowed":true,"learnedStrengthHalfLifeDays":10,"staleAfterDays":10,"managersSeeReportsPrivate":false,"interactionWeights":{"call":-1}}""", "interactionWeights.call")]
    public async Task An_invalid_charter_is_a_400_naming_the_field(string body, string field)
    {
        await SendRawAsync(HttpMethod.Put, "/api/charter", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
        var charter = await Client.GetAsync("/api/charter").ShouldBe<CharterResponse>(HttpStatusCode.OK);
        Assert.That(charter.Source, Is.EqualTo("configuration"));
    }
}
