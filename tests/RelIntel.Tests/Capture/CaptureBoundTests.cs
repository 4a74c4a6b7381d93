using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RelIntel.Tests.Capture;

/// <summary>
/// An export larger than the bound (<c>Capture:MaxBodyBytes</c>, 128 MiB unless configured; 1 MiB here) is a 413 problem,
/// whichever way it is sent: refused from its Content-Length before anything is read, or, streamed without one, as soon
/// as the bytes read pass the bound, never read to its end. Nothing of it is recorded.
/// </summary>
public sealed class CaptureBoundTests : ApiTest
{
    private const int Bound = 1024 * 1024;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Capture:MaxBodyBytes"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An endless mailbox of messages between Sam and Dana, counting the bytes the service pulls from it.</summary>
    private sealed class EndlessMailbox(World.Mailboxes s, DateTimeOffset start) : Stream
    {
        private byte[] pending = [];
        private int offset;
        private int message;

        public long Sent { get; private set; }

        public override int Read(byte[] buffer, int at, int count)
        {
            if (offset == pending.Length)
            {
                var date = start.AddMinutes(message).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);
                pending = Encoding.ASCII.GetBytes($"From sam.ortiz@{s.OurDomain} Mon Jan  5 10:00:00 2026\nDate: {date}\n" +
                    $"From: Sam Ortiz <sam.ortiz@{s.OurDomain}>\nTo: Dana Whitfield <dana.whitfield@{s.TheirDomain}>\n" +
                    $"Message-ID: <endless-{message}-{s.Tag}@mail>\n\n{new string('x', 2_000)}\n\n");
                (offset, message) = (0, message + 1);
            }
            var n = Math.Min(count, pending.Length - offset);
            Array.Copy(pending, offset, buffer, at, n);
            offset += n;
            Sent += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Sent by a client that does not copy the body first (the default test client keeps it for redirects).</summary>
    private async Task<HttpResponseMessage> ImportAsync(string mailboxOf, HttpContent content)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return await client.PostAsync($"/api/interactions/import?mailboxOf={World.Id(mailboxOf)}", content);
    }

    [Test]
    public async Task A_mailbox_streamed_past_the_bound_is_413_before_it_is_read_to_its_end_and_records_nothing()
    {
        var s = await World.MailboxesAsync();
        var mailbox = new EndlessMailbox(s, App.Clock.GetUtcNow().AddDays(-300));
        // No Content-Length: the service only learns the size by reading.
        var content = new StreamContent(mailbox, 16 * 1024) { Headers = { ContentType = new MediaTypeHeaderValue("application/mbox") } };
        var problem = await ImportAsync(s.Sam, content).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("1 MiB"));
        Assert.That(mailbox.Sent, Is.GreaterThan(Bound).And.LessThan(4 * Bound), "read just past the bound, then stopped");
        Assert.That(await World.RelationshipAsync(s.Sam, s.Dana), Is.Null, "nothing of it was recorded");
    }

    [Test]
    public async Task An_export_whose_length_passes_the_bound_is_413_from_its_Content_Length_alone()
    {
        var s = await World.MailboxesAsync();
        foreach (var type in new[] { "application/mbox", "text/calendar", "application/json", "message/rfc822" })
        {
            var mailbox = new EndlessMailbox(s, App.Clock.GetUtcNow().AddDays(-300));
            var content = new StreamContent(mailbox) { Headers = { ContentType = new MediaTypeHeaderValue(type), ContentLength = Bound + 1 } };
            await ImportAsync(s.Sam, content).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
            Assert.That(mailbox.Sent, Is.LessThan(Bound), $"{type}: refused before its body was read");
        }

        // At the bound itself it is read (the test mailbox, padded with blank lines).
        var exact = Encoding.ASCII.GetBytes(s.File("mailbox.mbox").PadRight(Bound, '\n'));
        Assert.That(exact, Has.Length.EqualTo(Bound));
        await ImportAsync(s.Sam, new ByteArrayContent(exact) { Headers = { ContentType = new MediaTypeHeaderValue("application/mbox") } })
            .ShouldBe(HttpStatusCode.OK);
    }
}
