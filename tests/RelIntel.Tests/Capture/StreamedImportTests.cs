using System.Net;
using System.Text;
using System.Text.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Capture;

namespace RelIntel.Tests.Capture;

/// <summary>
/// Mailboxes and Microsoft Graph exports stream: Graph read item by item across reads of the body (items cut by a read boundary, properties
/// around <c>value</c> skipped), checked whole before anything is recorded, and bounded as streamed bodies are.
/// </summary>
public sealed class StreamedImportTests : ApiTest
{
    /// <summary>Messages between Sam and Dana, each padded with properties the reader skips, so the body spans many reads.</summary>
    private string Messages(World.Mailboxes s, int count, int? brokenAt = null)
    {
        var text = new StringBuilder("{\"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#users('sam')/messages\",\n \"value\": [\n");
        var start = App.Clock.GetUtcNow().AddDays(-200);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(",\n");
            var sent = i == brokenAt ? "not a date" : start.AddMinutes(i * 7).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
            text.Append(JsonSerializer.Serialize(new
            {
                id = $"AAMkAGI2TG93AAA{i:D8}{new string('x', 120)}",
                internetMessageId = $"<stream-{i}-{s.Tag}@mail>",
                sentDateTime = sent,
                bodyPreview = new string('.', 200),
                from = new { emailAddress = new { name = "Sam Ortiz", address = $"sam.ortiz@{s.OurDomain}" } },
                toRecipients = new[] { new { emailAddress = new { name = "Dana", address = $"DANA.WHITFIELD@{s.TheirDomain}" } } },
                ccRecipients = i % 3 == 0 ? new[] { new { emailAddress = new { name = "Pat", address = $"pat{i % 5}@partner.example" } } } : [],
            }));
        }
        text.Append("\n],\n \"@odata.nextLink\": {\"href\": \"https://graph.microsoft.com/v1.0/me/messages?$skip=10\", \"nested\": [1, 2, {\"a\": null}]}}");
        return text.ToString();
    }

    [Test]
    public async Task A_Graph_export_spanning_many_reads_is_read_item_by_item()
    {
        var s = await World.MailboxesAsync();
        var body = Messages(s, 2_500);
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.GreaterThan(1024 * 1024), "many reads of the body");
        var answer = await World.ImportAsync(s.Sam, body, "application/json").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(answer.Read, Is.EqualTo(2_500), answer.ToString());
        Assert.That(answer.Recorded, Is.EqualTo(2_500));
        Assert.That(answer.UnmatchedAddresses, Is.EqualTo(5), "pat0 to pat4 at partner.example");
        var strength = (await World.RelationshipAsync(s.Sam, s.Dana))!.Strength;
        Assert.That(strength.ByKind.Emails.Counted, Is.EqualTo(2_500));

        var again = await World.ImportAsync(s.Sam, body, "application/json").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That((again.Recorded, again.Duplicates), Is.EqualTo((0, 2_500)));
    }

    [Test]
    public async Task A_bad_item_deep_in_a_streamed_export_is_refused_naming_it_and_records_nothing()
    {
        var s = await World.MailboxesAsync();
        var problem = await World.ImportAsync(s.Sam, Messages(s, 2_000, brokenAt: 1_777), "application/json")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        Assert.That(problem.ToJsonString(), Does.Contain("value[1777].sentDateTime"));
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null, "the 1,777 items before it were not recorded");

        var cut = Messages(s, 2_000);
        await World.ImportAsync(s.Sam, cut[..(cut.Length / 2)], "application/json").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "{\"value\": [1]}", "application/json").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "[]", "application/json").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await World.ImportAsync(s.Sam, "{\"@odata.context\": \"x\"}", "application/json").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null);
    }

    [Test]
    public async Task A_mailbox_larger_than_other_bodies_streams()
    {
        var s = await World.MailboxesAsync();
        var mbox = new StringBuilder();
        var start = App.Clock.GetUtcNow().AddDays(-300);
        var count = 0;
        while (mbox.Length < 17 * 1024 * 1024)
        {
            var at = start.AddMinutes(count * 3).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);
            mbox.Append($"From sam.ortiz@{s.OurDomain} Mon Jan  5 10:00:00 2026\n")
                .Append($"Date: {at}\nFrom: Sam Ortiz <sam.ortiz@{s.OurDomain}>\nTo: Kim Lee <kim.lee@{s.OurDomain}>\n")
                .Append($"Message-ID: <big-{count}-{s.Tag}@mail>\nSubject: Internal note {count}\n\n")
                .Append(new string('x', 400)).Append("\n\n");
            count++;
        }
        var answer = await World.ImportAsync(s.Sam, mbox.ToString(), "application/mbox").ShouldBe<CaptureResponse>(HttpStatusCode.OK);
        Assert.That(answer.Read, Is.EqualTo(count));
        Assert.That(answer.Skipped["internal-only"], Is.EqualTo(count));
    }
}
