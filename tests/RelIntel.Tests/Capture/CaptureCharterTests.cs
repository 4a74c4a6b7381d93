using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Capture;

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

    [Test]
    public async Task The_capture_block_is_stored_validated_and_defaults_to_private()
    {
        var defaults = (await World.CharterAsync()).Capture;
        Assert.That(defaults.Visibility, Is.EqualTo(Visibility.Private));
        Assert.That(defaults.OptedOutPersonIds, Is.Empty);
        Assert.That(defaults.BlockedDomains, Is.Empty);

        await World.SetCharterAsync("capture", new { optedOutPersonIds = new[] { "p-someone" }, blockedDomains = new[] { "Gmail.com" }, visibility = "team" });
        var stored = (await World.CharterAsync()).Capture;
        Assert.That(stored.BlockedDomains, Is.EqualTo(new[] { "gmail.com" }));
        Assert.That(stored.OptedOutPersonIds, Is.EqualTo(new[] { "p-someone" }));
        Assert.That(stored.Visibility, Is.EqualTo(Visibility.Team));

        // Refused settings are sent as JSON: the typed request could not hold them.
        var charter = await World.CharterJsonAsync();
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
        var answer = await World.ImportAsync(s.Sam, google, "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(answer.Skipped, Is.EquivalentTo(new Dictionary<string, int> { ["opted-out"] = 1 }), answer.ToString());
        Assert.That(await World.RelationshipAsync(s.Kim, s.Dana), Is.Null);

        // In the mbox Kim is in Cc: Sam's pairs count, Kim's do not.
        var mail = await World.ImportAsync(s.Sam, s.File("mailbox.mbox"), "application/mbox").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(mail.Recorded, Is.EqualTo(2), mail.ToString());
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Not.Null);
        Assert.That(await World.RelationshipAsync(s.Kim, s.Dana), Is.Null);
    }

    [Test]
    public async Task A_blocked_domain_is_ignored_and_not_even_counted_as_unmatched()
    {
        var s = await World.MailboxesAsync();
        await World.SetCharterAsync("capture", new { blockedDomains = new[] { s.TheirDomain }, visibility = "company" });
        var answer = await World.ImportAsync(s.Sam, s.File("outlook.ics"), "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(answer.Recorded, Is.EqualTo(0), answer.ToString());
        Assert.That(answer.Skipped["blocked"], Is.EqualTo(5), "the review and four weekly syncs");
        Assert.That(answer.UnmatchedAddresses, Is.EqualTo(1), "only pat@partner.example");
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
        var text = (await World.ImportAsync(s.Sam, s.File("graph-messages.json"), "application/json").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var answer = text.Read<CaptureResponse>();
        Assert.That(answer.Recorded, Is.EqualTo(1), "Dana's message");
        Assert.That(answer.Skipped, Is.EquivalentTo(new Dictionary<string, int> { ["do-not-contact"] = 1 }), text);
        Assert.That(answer.UnmatchedAddresses, Is.EqualTo(0), "Eve is known, and still not recorded");
        Assert.That(text, Does.Not.Contain(s.Eve));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Eve), Is.Null);
    }
}
