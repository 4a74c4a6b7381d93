using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RelIntel.Api.Charter;

namespace RelIntel.Tests.Capture;

/// <summary>
/// What capture teaches: learned strengths show their interactions kind by kind (meetings, calls, emails, events), each
/// weighed as the charter's <c>interactionWeights</c> say and decayed by its age, and staleness moves with the last
/// captured interaction.
/// </summary>
public sealed class CaptureStrengthTests : ApiTest
{
    private static string GraphMeeting(string uid, DateTimeOffset start, params string[] addresses) => JsonSerializer.Serialize(new
    {
        iCalUId = uid,
        start = new { dateTime = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"), timeZone = "UTC" },
        organizer = new { emailAddress = new { address = addresses[0] } },
        attendees = addresses.Skip(1).Select(a => new { emailAddress = new { address = a }, type = "required" }),
    });

    private static string GraphMessage(string messageId, DateTimeOffset sent, string from, string to) => JsonSerializer.Serialize(new
    {
        internetMessageId = messageId,
        sentDateTime = sent.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        from = new { emailAddress = new { address = from } },
        toRecipients = new[] { new { emailAddress = new { address = to } } },
    });

    private static string Graph(params string[] items) => $"{{\"value\": [{string.Join(",", items)}]}}";

    private static double Decayed(double weight, DateTimeOffset at, DateTimeOffset now, double halfLifeDays) =>
        weight * Math.Pow(0.5, (now - at).TotalDays / halfLifeDays);

    [Test]
    public async Task Meetings_calls_and_emails_weigh_as_the_charter_says_and_show_kind_by_kind()
    {
        var s = await World.MailboxesAsync();
        var charter = await World.CharterAsync();
        var weights = charter.InteractionWeights;
        var halfLife = charter.LearnedStrengthHalfLifeDays;
        var now = App.Clock.GetUtcNow();
        var (meetingAt, firstMail, secondMail, callAt) = (now.AddDays(-30), now.AddDays(-10), now.AddDays(-3), now.AddDays(-1));
        var sam = $"sam.ortiz@{s.OurDomain}";
        var dana = $"dana.whitfield@{s.TheirDomain}";

        await World.ImportAsync(s.Sam, Graph(GraphMeeting($"qbr-{s.Tag}", meetingAt, sam, dana)), "application/json")
            .ShouldBe(HttpStatusCode.OK);
        await World.ImportAsync(s.Sam, Graph(
            GraphMessage($"<one-{s.Tag}@mail>", firstMail, sam, dana), GraphMessage($"<two-{s.Tag}@mail>", secondMail, dana, sam)), "application/json")
            .ShouldBe(HttpStatusCode.OK);
        await Client.PostAsJsonAsync("/api/interactions", new { id = $"call-{s.Tag}", at = callAt, kind = "call", participantIds = new[] { s.Sam, s.Dana } })
            .ShouldBe(HttpStatusCode.Created);

        var strength = (await World.RelationshipAsync(s.Sam, s.Dana))!.Strength;
        var byKind = strength.ByKind;
        Assert.Multiple(() =>
        {
            Assert.That(Factor(byKind.Meetings), Is.EqualTo((1L, weights.Meeting!.Value)));
            Assert.That(Factor(byKind.Calls), Is.EqualTo((1L, weights.Call!.Value)));
            Assert.That(Factor(byKind.Emails), Is.EqualTo((2L, weights.Email!.Value)));
            Assert.That(Factor(byKind.Events), Is.EqualTo((0L, weights.Event!.Value)));
            Assert.That(strength.InteractionsCounted, Is.EqualTo(4));
        });
        var expected = Decayed(weights.Meeting!.Value, meetingAt, now, halfLife)
                       + Decayed(weights.Email!.Value, firstMail, now, halfLife)
                       + Decayed(weights.Email!.Value, secondMail, now, halfLife)
                       + Decayed(weights.Call!.Value, callAt, now, halfLife);
        Assert.That(strength.InteractionScore, Is.EqualTo(expected).Within(1e-4));
        Assert.That(strength.Learned, Is.EqualTo(1 - Math.Exp(-expected)).Within(1e-4));
    }

    private static (long Counted, double Weight) Factor(KindFactor kind) => (kind.Counted, kind.Weight);

    [Test]
    public async Task A_relationship_learned_from_old_mail_is_stale_until_a_recent_meeting_is_captured()
    {
        var s = await World.MailboxesAsync();
        var staleAfter = (await World.CharterAsync()).StaleAfterDays;
        var now = App.Clock.GetUtcNow();
        var sam = $"sam.ortiz@{s.OurDomain}";
        var eve = $"eve.stone@{s.TheirDomain}";
        var old = now.AddDays(-(staleAfter + 20));

        await World.ImportAsync(s.Sam, Graph(GraphMessage($"<old-{s.Tag}@mail>", old, eve, sam)), "application/json")
            .ShouldBe(HttpStatusCode.OK);
        var before = (await World.RelationshipAsync(s.Sam, s.Eve))!.Strength;
        Assert.That(before.Stale, Is.True, "its last interaction is older than the charter's staleAfterDays");
        Assert.That(before.LastInteractionAt, Is.EqualTo(old).Within(TimeSpan.FromSeconds(1)));

        var recent = now.AddDays(-2);
        await World.ImportAsync(s.Sam, Graph(GraphMeeting($"catch-up-{s.Tag}", recent, sam, eve)), "application/json")
            .ShouldBe(HttpStatusCode.OK);
        var after = (await World.RelationshipAsync(s.Sam, s.Eve))!.Strength;
        Assert.That(after.Stale, Is.False);
        Assert.That(after.LastInteractionAt, Is.EqualTo(recent).Within(TimeSpan.FromSeconds(1)));

        // An older message found later does not move it back.
        await World.ImportAsync(s.Sam, Graph(GraphMessage($"<older-{s.Tag}@mail>", old.AddDays(-5), sam, eve)), "application/json")
            .ShouldBe(HttpStatusCode.OK);
        var last = (await World.RelationshipAsync(s.Sam, s.Eve))!.Strength;
        Assert.That(last.LastInteractionAt, Is.EqualTo(recent).Within(TimeSpan.FromSeconds(1)));
        Assert.That(last.ByKind.Emails.Counted, Is.EqualTo(2));
    }
}
