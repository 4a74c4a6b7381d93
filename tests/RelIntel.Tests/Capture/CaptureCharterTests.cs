using System.Net;
using RelIntel.Api.Charter;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RelIntel.Tests.Capture;

/// <summary>
/// The charter's <c>capture</c> block governs imports: opted-out people are not read (their mailbox is 403, and they are
/// left out of others' meetings), blocked domains are ignored, do-not-contact people are never recorded, and capture's
/// visibility applies to relationships it learns.
/// </summary>
[NonParallelizable]
public sealed class CaptureCharterTests : ApiTest
{
    [TearDown]
    public async Task ResetCharter() => await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

    private static Dictionary<string, int> Skipped(JsonNode answer) =>
        answer["skipped"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());

    [Test]
    public async Task The_capture_block_is_stored_validated_and_defaults_to_private()
    {
        var defaults = await World.CharterAsync();
        Assert.That(defaults["capture"]!["visibility"]!.GetValue<string>(), Is.EqualTo("private"));
        Assert.That(defaults["capture"]!["optedOutPersonIds"]!.AsArray(), Is.Empty);
        Assert.That(defaults["capture"]!["blockedDomains"]!.AsArray(), Is.Empty);

        await World.SetCharterAsync("capture", new { optedOutPersonIds = new[] { "p-someone" }, blockedDomains = new[] { "Gmail.com" }, visibility = "team" });
        var stored = await World.CharterAsync();
        Assert.That(stored["capture"]!["blockedDomains"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "gmail.com" }));
        Assert.That(stored["capture"]!["optedOutPersonIds"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "p-someone" }));
        Assert.That(stored["capture"]!["visibility"]!.GetValue<string>(), Is.EqualTo("team"));

        var charter = await World.CharterAsync();
        charter["capture"] = new JsonObject { ["blockedDomains"] = new JsonArray("@gmail.com") };
        await Client.PutAsJsonAsync("/api/charter", charter).ShouldBeProblem(HttpStatusCode.BadRequest, "capture.blockedDomains[0]");
        charter["capture"] = new JsonObject { ["optedOutPersonIds"] = new JsonArray("not an id") };
        await Client.PutAsJsonAsync("/api/charter", charter).ShouldBeProblem(HttpStatusCode.BadRequest, "capture.optedOutPersonIds[0]");
    }

    [Test]
    public async Task An_opted_out_person_is_not_read_nor_recorded_in_others_meetings()
    {
        var s = await World.MailboxesAsync();
        await World.SetCharterAsync("capture", new { optedOutPersonIds = new[] { s.Kim } });
        var google = s.File("google.ics");
        await World.ImportAsync(s.Kim, google, "text/calendar").ShouldBeProblem(HttpStatusCode.Forbidden, "mailboxOf");

        // In Sam's mailbox, Kim's meeting with Dana (Kim and Dana only) is not recorded.
        var answer = await World.ImportAsync(s.Sam, google, "text/calendar").ShouldBe(HttpStatusCode.OK);
        Assert.That(Skipped(answer), Is.EquivalentTo(new Dictionary<string, int> { ["opted-out"] = 1 }), answer.ToJsonString());
        Assert.That(await World.RelationshipAsync(s.Kim, s.Dana), Is.Null);

        // In the mbox Kim is in Cc: Sam's pairs count, Kim's do not.
        var mail = await World.ImportAsync(s.Sam, s.File("mailbox.mbox"), "application/mbox").ShouldBe(HttpStatusCode.OK);
        Assert.That(mail["recorded"]!.GetValue<int>(), Is.EqualTo(2), mail.ToJsonString());
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Not.Null);
        Assert.That(await World.RelationshipAsync(s.Kim, s.Dana), Is.Null);
    }

    [Test]
    public async Task A_blocked_domain_is_ignored_and_not_even_counted_as_unmatched()
    {
        var s = await World.MailboxesAsync();
        await World.SetCharterAsync("capture", new { blockedDomains = new[] { s.TheirDomain }, visibility = "company" });
        var answer = await World.ImportAsync(s.Sam, s.File("outlook.ics"), "text/calendar").ShouldBe(HttpStatusCode.OK);
        Assert.That(answer["recorded"]!.GetValue<int>(), Is.EqualTo(0), answer.ToJsonString());
        Assert.That(Skipped(answer)["blocked"], Is.EqualTo(5), "the review and four weekly syncs");
        Assert.That(answer["unmatchedAddresses"]!.GetValue<int>(), Is.EqualTo(1), "only pat@partner.example");
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null);

        await World.SetCharterAsync("capture", new { blockedDomains = Array.Empty<string>() });
        await World.ImportAsync(s.Sam, s.File("google.ics"), "text/calendar").ShouldBe(HttpStatusCode.OK);
        var learned = await World.RelationshipAsync(s.Kim, s.Dana);
        Assert.That(learned!.Visibility, Is.EqualTo(Visibility.Company), "the capture visibility kept from before");
    }

    [Test]
    public async Task A_do_not_contact_person_is_never_recorded()
    {
        var s = await World.MailboxesAsync(eveDoNotContact: true);
        var answer = await World.ImportAsync(s.Sam, s.File("graph-messages.json"), "application/json").ShouldBe(HttpStatusCode.OK);
        Assert.That(answer["recorded"]!.GetValue<int>(), Is.EqualTo(1), "Dana's message");
        Assert.That(Skipped(answer), Is.EquivalentTo(new Dictionary<string, int> { ["do-not-contact"] = 1 }), answer.ToJsonString());
        Assert.That(answer["unmatchedAddresses"]!.GetValue<int>(), Is.EqualTo(0), "Eve is known, and still not recorded");
        Assert.That(answer.ToJsonString(), Does.Not.Contain(s.Eve));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Eve), Is.Null);
    }
}
