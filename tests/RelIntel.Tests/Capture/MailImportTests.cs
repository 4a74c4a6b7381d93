using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.Capture;

namespace RelIntel.Tests.Capture;

/// <summary>
/// <c>POST /api/interactions/import</c> with mail: an mbox with a reply and Cc, one rfc822 message, Microsoft Graph
/// messages. Headers only: nothing of a subject, body or attachment reaches the graph.
/// </summary>
public sealed class MailImportTests : ApiTest
{
    [Test]
    public async Task An_mbox_records_each_message_with_a_customer_once_from_its_headers()
    {
        var s = await World.MailboxesAsync();
        var mbox = s.File("mailbox.mbox");
        var answer = await World.ImportAsync(s.Sam, mbox, "application/mbox").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(answer.Read, Is.EqualTo(3), answer.ToString());
        Assert.That(answer.Recorded, Is.EqualTo(2), "Dana's message and Sam's reply; Kim's note is internal");
        Assert.That(answer.Skipped["internal-only"], Is.EqualTo(1));
        Assert.That(answer.UnmatchedAddresses, Is.EqualTo(1), "pat@partner.example, in Cc");

        // Sam and Kim (in Cc on both) each learn of Dana from two emails.
        foreach (var ours in new[] { s.Sam, s.Kim })
        {
            var learned = (await World.RelationshipAsync(ours, s.Dana))!;
            Assert.That(learned.Source, Is.EqualTo(RelationshipSource.Email));
            Assert.That(learned.OwnerId, Is.EqualTo(ours));
            Assert.That(learned.Strength.InteractionsCounted, Is.EqualTo(2));
            Assert.That(learned.Strength.LastInteractionAt,
                Is.EqualTo(new DateTimeOffset(2026, 5, 13, 7, 15, 38, TimeSpan.Zero)), "the reply's Date, in UTC");
        }

        var again = await World.ImportAsync(s.Kim, mbox, "application/mbox").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(again.Recorded, Is.EqualTo(0));
        Assert.That(again.Duplicates, Is.EqualTo(2), "the same messages from Kim's mailbox are the same interactions");
        Assert.That((await World.RelationshipAsync(s.Kim, s.Dana))!.Strength.InteractionsCounted,
            Is.EqualTo(2));
    }

    [Test]
    public async Task Nothing_of_a_message_but_its_addresses_date_and_id_is_stored()
    {
        var s = await World.MailboxesAsync();
        await World.ImportAsync(s.Sam, s.File("mailbox.mbox"), "application/mbox").ShouldBe(HttpStatusCode.OK);
        Assert.That(await GraphScan.OccurrencesOf(s.Tag), Is.GreaterThan(0), "the scan sees the ids derived from the Message-IDs");
        foreach (var secret in new[] { "Renewal pricing - confidential", "the figures we discussed", "pricing.pdf", "JVBERi0xLjQKJcOkw7zDtsOf",
                     "Internal only.", "pat@partner.example", "Dana Whitfield <" })
            Assert.That(await GraphScan.OccurrencesOf(secret), Is.Zero, $"'{secret}' reached the graph");
    }

    [Test]
    public async Task One_message_and_Graph_messages_are_the_same_interactions_as_in_the_mailbox_file()
    {
        var s = await World.MailboxesAsync();
        var mbox = s.File("mailbox.mbox");
        var first = mbox[(mbox.IndexOf('\n') + 1)..mbox.IndexOf("\n\nFrom sam.ortiz", StringComparison.Ordinal)];
        var one = await World.ImportAsync(s.Sam, first, "message/rfc822").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That((one.Read, one.Recorded), Is.EqualTo((1, 1)), one.ToString());

        var graph = await World.ImportAsync(s.Sam, s.File("graph-messages.json"), "application/json").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(graph.Read, Is.EqualTo(2));
        Assert.That(graph.Duplicates, Is.EqualTo(1), "the same Message-ID as the rfc822 message");
        Assert.That(graph.Recorded, Is.EqualTo(1));
        Assert.That((await World.RelationshipAsync(s.Sam, s.Eve))!.Source, Is.EqualTo(RelationshipSource.Email));
    }

    [Test]
    public async Task A_malformed_mailbox_is_refused_naming_the_message_and_records_nothing()
    {
        var s = await World.MailboxesAsync();
        var mbox = s.File("mailbox.mbox").Replace("Date: Wed, 13 May 2026 09:15:38 +0200\n", "", StringComparison.Ordinal);
        var problem = await World.ImportAsync(s.Sam, mbox, "application/mbox").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        Assert.That(problem.ToJsonString(), Does.Contain("message 2"));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null, "message 1 was not recorded either");

        await World.ImportAsync(s.Sam, "Hello, this is not a mailbox\n", "application/mbox")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "{\"value\": [{\"sentDateTime\": \"yesterday\"}]}", "application/json")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "{\"value\": [", "application/json").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
    }

    /// <summary>One message from Sam to <paramref name="to"/>, as message/rfc822.</summary>
    private static string Message(World.Mailboxes s, string to, int n) =>
        $"Date: Mon, 11 May 2026 10:0{n}:00 +0000\r\nFrom: Sam Ortiz <sam.ortiz@{s.OurDomain}>\r\nTo: {to}\r\n" +
        $"Message-ID: <email-key-{n}-{s.Tag}@mail>\r\nSubject: Hello\r\n\r\nBody\r\n";

    [Test]
    public async Task An_address_matches_the_email_a_person_has_now_in_any_case_however_it_was_written()
    {
        var s = await World.MailboxesAsync();
        // Dana's email changed by PUT /api/people/{id}: the new one matches, the old one no longer does.
        var dana = await Client.GetAsync($"/api/people/{World.Id(s.Dana)}").ShouldBe(HttpStatusCode.OK);
        dana["email"] = $"Dana.W@{s.TheirDomain}";
        await Client.PutAsJsonAsync($"/api/people/{World.Id(s.Dana)}", dana).ShouldBe(HttpStatusCode.OK);
        var now = await World.ImportAsync(s.Sam, Message(s, $"dana.w@{s.TheirDomain.ToUpperInvariant()}", 1), "message/rfc822").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That((now.Recorded, now.UnmatchedAddresses), Is.EqualTo((1, 0)), now.ToString());
        var before = await World.ImportAsync(s.Sam, Message(s, $"dana.whitfield@{s.TheirDomain}", 2), "message/rfc822").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That((before.Recorded, before.UnmatchedAddresses), Is.EqualTo((0, 1)), before.ToString());

        // A new person brought by an org-chart import, with an email in capitals.
        var customer = dana.Read<PersonResponse>().OrganizationId;
        var chart = new { mode = "merge", people = new[] { new { id = $"lee-{s.Tag}", name = "Lee Park", email = $"LEE.PARK@{s.TheirDomain}" } } };
        await Client.PostAsJsonAsync($"/api/organizations/{customer}/org-chart", chart).ShouldBe(HttpStatusCode.OK);
        var charted = await World.ImportAsync(s.Sam, Message(s, $"Lee Park <lee.park@{s.TheirDomain}>", 3), "message/rfc822").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(charted.Recorded, Is.EqualTo(1), charted.ToString());
        Assert.That((await World.RelationshipAsync(s.Sam, $"lee-{s.Tag}"))!.Strength.ByKind.Emails.Counted, Is.EqualTo(1));
    }
}
