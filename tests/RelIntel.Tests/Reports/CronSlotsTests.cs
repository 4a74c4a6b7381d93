using RelIntel.Api.Features.Reports;

namespace RelIntel.Tests.Reports;

/// <summary>Cron expressions in a time zone, and which slot is due.</summary>
public sealed class CronSlotsTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static CronSlots Slots(string cron, string? zone = null) =>
        CronSlots.TryCreate(cron, zone, out var errors) ?? throw new AssertionException(string.Join("; ", errors.Values));

    [Test]
    public void The_latest_slot_is_due_however_many_were_missed()
    {
        var hourly = Slots("0 * * * *");
        Assert.That(hourly.Latest(Utc(6, 1, 9), Utc(6, 1, 9, 59)), Is.Null);
        Assert.That(hourly.Latest(Utc(6, 1, 9), Utc(6, 1, 10)), Is.EqualTo(Utc(6, 1, 10)));
        Assert.That(hourly.Latest(Utc(6, 1, 9), Utc(6, 1, 14, 30)), Is.EqualTo(Utc(6, 1, 14)));
        Assert.That(hourly.Latest(Utc(6, 1, 14), Utc(6, 1, 14, 30)), Is.Null);
        var yearly = Slots("0 0 1 1 *");
        Assert.That(yearly.Latest(new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.Zero), Utc(6, 1, 9)),
            Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var minutely = Slots("* * * * *");
        Assert.That(minutely.Latest(Utc(1, 1, 0), Utc(6, 1, 9, 7)), Is.EqualTo(Utc(6, 1, 9, 7)));
    }

    [Test]
    public void Slots_are_read_in_the_time_zone()
    {
        var berlinSeven = Slots("0 7 * * *", "Europe/Berlin");
        // Summer: Berlin is UTC+2.
        Assert.That(berlinSeven.Next(Utc(6, 1, 0)), Is.EqualTo(Utc(6, 1, 5)));
        // Winter: UTC+1.
        Assert.That(berlinSeven.Next(Utc(12, 1, 0)), Is.EqualTo(Utc(12, 1, 6)));
        // 02:30 does not exist in Berlin on 2026-03-29: that day has no slot.
        var twoThirty = Slots("30 2 * * *", "Europe/Berlin");
        Assert.That(twoThirty.Next(Utc(3, 28, 12)), Is.EqualTo(Utc(3, 30, 0, 30)));
    }

    [TestCase("", "cron")]
    [TestCase("0 7 * *", "cron")]
    [TestCase("0 0 7 * * 1", "cron")]
    [TestCase("61 7 * * *", "cron")]
    [TestCase("0 7 * * mon-", "cron")]
    public void A_bad_cron_names_the_field(string cron, string field)
    {
        Assert.That(CronSlots.TryCreate(cron, null, out var errors), Is.Null);
        Assert.That(errors.Keys, Does.Contain(field));
    }

    [TestCase("Mars/Olympus")]
    [TestCase("")]
    [TestCase("W. Europe Standard Time")]
    public void A_bad_time_zone_names_the_field(string zone)
    {
        Assert.That(CronSlots.TryCreate("0 7 * * 1", zone, out var errors), Is.Null);
        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "timeZone" }));
    }

    [TestCase("ftp://example.com/hook")]
    [TestCase("file:///etc/passwd")]
    [TestCase("/relative/hook")]
    [TestCase("https://user:secret@example.com/hook")]
    [TestCase("not a url")]
    public void Only_absolute_http_urls_are_webhooks(string url) =>
        Assert.That(ReportScheduleRequest.WebhookProblem(url), Is.Not.Null);

    [TestCase("https://crm.example.com/hooks/relintel?token=abc")]
    [TestCase("http://127.0.0.1:8080/hook")]
    public void Http_and_https_urls_are_webhooks(string url) => Assert.That(ReportScheduleRequest.WebhookProblem(url), Is.Null);
}
