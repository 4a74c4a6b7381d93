using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Capture;
using RelIntel.Api.Features.Interactions;

namespace RelIntel.Tests.Capture;

/// <summary>
/// <c>POST /api/interactions/import</c> with calendar exports: Outlook's (Windows time zones, folded lines, a 112-character
/// UID, a weekly meeting with an exception and an EXDATE, a cancelled meeting, a declined attendee, a room) and Google's.
/// </summary>
public sealed class CalendarImportTests : ApiTest
{
    [Test]
    public async Task An_Outlook_export_records_the_past_meetings_with_customers_and_a_reimport_changes_nothing()
    {
        var s = await World.MailboxesAsync();
        var outlook = s.File("outlook.ics");

        var text = (await World.ImportAsync(s.Sam, outlook, "text/calendar").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var answer = text.Read<CaptureResponse>();
        // The review, and the weekly sync on May 4, 19 (moved from the 18th), 25 and June 1 (May 11 is an EXDATE; June 8 is
        // ahead); the cancelled call, the signing in July and the internal planning are not recorded.
        Assert.That(answer.Read, Is.EqualTo(8), text);
        Assert.That(answer.Recorded, Is.EqualTo(5), text);
        Assert.That(answer.Duplicates, Is.EqualTo(0));
        Assert.That(answer.Skipped, Is.EquivalentTo(new Dictionary<string, int> { ["cancelled"] = 1, ["future"] = 1, ["internal-only"] = 1 }));
        // pat@partner.example: counted, never stored; the room and the declined attendee are not participants at all.
        Assert.That(answer.UnmatchedAddresses, Is.EqualTo(1));
        Assert.That(text, Does.Not.Contain("partner").And.Not.Contain("Globex").And.Not.Contain(s.Dana));

        var learned = (await World.RelationshipAsync(s.Sam, s.Dana))!;
        Assert.That(learned.Source, Is.EqualTo(RelationshipSource.Calendar));
        Assert.That(learned.OwnerId, Is.EqualTo(s.Sam));
        Assert.That(learned.Visibility, Is.EqualTo(Visibility.Private), "capture's default visibility");
        Assert.That(learned.Strength.InteractionsCounted, Is.EqualTo(5));
        Assert.That(learned.Strength.LastInteractionAt,
            Is.EqualTo(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero)), "June 1, 10:00 in Berlin (CEST) is 08:00 UTC");
        Assert.That(await World.RelationshipAsync(s.Sam, s.Eve), Is.Null, "Eve declined; the cancelled and the future meeting do not count");

        var again = await World.ImportAsync(s.Sam, outlook, "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(again.Recorded, Is.EqualTo(0));
        Assert.That(again.Duplicates, Is.EqualTo(5));
        var after = (await World.RelationshipAsync(s.Sam, s.Dana))!;
        Assert.That(after, Is.EqualTo(learned), "re-importing changes nothing");
    }

    [Test]
    public async Task The_112_character_uid_becomes_a_stable_hashed_id_shared_with_the_same_meeting_sent_by_hand()
    {
        var s = await World.MailboxesAsync();
        await World.ImportAsync(s.Sam, s.File("outlook.ics"), "text/calendar").ShouldBe(HttpStatusCode.OK);
        // The weekly sync's first occurrence keeps a readable id: its UID and its start in UTC (10:00 in Berlin in May).
        var id = $"cal-weekly-sync-{s.Tag}@{s.OurDomain}_20260504T080000Z";
        var resent = await Client.PostAsJsonAsync("/api/interactions", new
        {
            id, at = new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero), kind = "meeting", participantIds = new[] { s.Sam, s.Dana },
        }).ShouldBe<InteractionResponse>(HttpStatusCode.OK);
        Assert.That(resent.Id, Is.EqualTo(id), "the import and POST /api/interactions share ids and rules");
    }

    [Test]
    public async Task A_Google_export_and_the_same_meeting_from_Microsoft_Graph_are_one_interaction()
    {
        var s = await World.MailboxesAsync();
        var google = await World.ImportAsync(s.Kim, s.File("google.ics"), "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(google.Read, Is.EqualTo(1));
        Assert.That(google.Recorded, Is.EqualTo(1), google.ToString());
        Assert.That(google.UnmatchedAddresses, Is.EqualTo(0), "the meeting room is a resource, not a participant");
        var learned = (await World.RelationshipAsync(s.Kim, s.Dana))!;
        Assert.That(learned.Strength.LastInteractionAt,
            Is.EqualTo(new DateTimeOffset(2026, 4, 20, 15, 0, 0, TimeSpan.Zero)), "11:00 in New York (EDT)");

        // Sam's mailbox sync sends the same meeting (same iCalUId, Eastern Standard Time as Windows names it).
        var graph = await World.ImportAsync(s.Sam, s.File("graph-events.json"), "application/json").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(graph.Read, Is.EqualTo(3));
        Assert.That(graph.Duplicates, Is.EqualTo(1), graph.ToString());
        Assert.That(graph.Recorded, Is.EqualTo(1), "the onboarding occurrence with Eve (Dana declined, the room is a resource)");
        Assert.That(graph.Skipped, Is.EquivalentTo(new Dictionary<string, int> { ["cancelled"] = 1 }));
        Assert.That((await World.RelationshipAsync(s.Kim, s.Dana))!.Strength.InteractionsCounted, Is.EqualTo(1));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null, "Dana declined the onboarding");
        Assert.That((await World.RelationshipAsync(s.Sam, s.Eve))!.Source, Is.EqualTo(RelationshipSource.Calendar));
    }

    [Test]
    public async Task A_malformed_calendar_is_refused_naming_its_line_and_records_nothing()
    {
        var s = await World.MailboxesAsync();
        var lines = s.File("outlook.ics").Split("\r\n").ToList();
        var broken = lines.FindIndex(l => l.StartsWith("SUMMARY:Globex weekly sync", StringComparison.Ordinal));
        lines[broken] = "this line is not a content line";
        var problem = await World.ImportAsync(s.Sam, string.Join("\r\n", lines), "text/calendar")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        Assert.That(problem.ToJsonString(), Does.Contain($"line {broken + 1}"));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null, "nothing before the bad line was recorded");

        await World.ImportAsync(s.Sam, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", "text/calendar")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "", "text/calendar").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
    }

    [Test]
    public async Task Bad_requests_are_problems_naming_what_is_wrong()
    {
        var s = await World.MailboxesAsync();
        var ics = s.File("google.ics");
        await World.ImportAsync(s.Sam, ics, "text/plain").ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await Client.PostAsync("/api/interactions/import", new StringContent(ics, System.Text.Encoding.UTF8, "text/calendar")).ShouldBeProblem(HttpStatusCode.BadRequest, "mailboxOf");
        await World.ImportAsync("p-nobody-here", ics, "text/calendar").ShouldBeProblem(HttpStatusCode.NotFound, "mailboxOf");
        await World.ImportAsync(s.Dana, ics, "text/calendar").ShouldBeProblem(HttpStatusCode.BadRequest, "mailboxOf");
        // Calendars stream as mailboxes do (their bound: CaptureBoundTests): a body larger than other bodies is read, and
        // this one refused at its bad line.
        var huge = "BEGIN:VCALENDAR\r\n" + new string('X', 17 * 1024 * 1024);
        var problem = await World.ImportAsync(s.Sam, huge, "text/calendar").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        Assert.That(problem.ToJsonString(), Does.Contain("line 2"));
    }

    [Test]
    public async Task Sellers_import_their_own_mailbox_only_and_integrations_any()
    {
        var s = await World.MailboxesAsync();
        var ics = s.File("google.ics");
        var kimsKey = await ClientAsAsync("seller", s.Kim);
        await World.As(kimsKey).ImportAsync(s.Sam, ics, "text/calendar").ShouldBeProblem(HttpStatusCode.Forbidden, "mailboxOf");
        var own = await World.As(kimsKey).ImportAsync(s.Kim, ics, "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(own.Recorded, Is.EqualTo(1));
        var integration = await ClientAsAsync("integration");
        var again = await World.As(integration).ImportAsync(s.Sam, ics, "text/calendar").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(again.Duplicates, Is.EqualTo(1));
    }
}
