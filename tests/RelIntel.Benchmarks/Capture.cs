using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>
/// Capture (issue #23): a generated mailbox and calendar of one of our people through
/// <c>POST /api/interactions/import</c>, as a mailbox sync would send them, on the loaded data set. The mailbox has
/// headers like real mail (Received, From, To, Cc, Date, Message-ID, replies with In-Reply-To and References), short
/// bodies, colleagues on internal threads and addresses that match no one; the calendar has single meetings, weekly
/// series, cancelled meetings, declined attendees and rooms. Measured end to end (file sent to answer received), with
/// the API's peak memory while it reads the mailbox.
/// </summary>
public sealed class CaptureBench(Uri apiUri, BenchOptions options, DataSet data, ApiProcess? api, Action<string> log)
{
    public const double MessagesPerSecondTarget = 5_000;
    public const double MemoryTargetMiB = 300;

    /// <summary>One import: what was sent, how long it took end to end, and what the API answered.</summary>
    public sealed record Series(string Name, string ContentType, long Bytes, int Items, double Seconds, int Status, string Answer,
        double? PeakMiB)
    {
        public double PerSecond => Seconds > 0 ? Items / Seconds : 0;
    }

    public sealed record Result(Series Mailbox, Series MailboxAgain, Series Calendar);

    public async Task<Result> RunAsync()
    {
        var random = new Random(options.Seed + 23);
        var owner = data.Own.People[0];
        var colleagues = data.Own.People.Skip(1).Take(25).ToList();
        // A seller's book: a few hundred contacts at a few dozen customers.
        var contacts = data.Customers.Take(40).SelectMany(c => c.People.Take(12)).ToList();
        using var http = new HttpClient { BaseAddress = apiUri, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);

        var mboxPath = Path.Combine(Path.GetTempPath(), $"relintel-bench-{Environment.ProcessId}.mbox");
        var icsPath = Path.Combine(Path.GetTempPath(), $"relintel-bench-{Environment.ProcessId}.ics");
        try
        {
            log($"capture: writing a mailbox of {options.CaptureMessages:N0} messages ...");
            await WriteMailboxAsync(mboxPath, random, owner, colleagues, contacts);
            log($"capture: importing the mailbox ({new FileInfo(mboxPath).Length / 1048576.0:F1} MiB) ...");
            var mailbox = await ImportAsync(http, "mailbox (mbox)", owner.Id, mboxPath, "application/mbox", options.CaptureMessages, measureMemory: true);
            log($"capture: the same mailbox again (every message a duplicate) ...");
            var again = await ImportAsync(http, "the same mailbox again", owner.Id, mboxPath, "application/mbox", options.CaptureMessages, measureMemory: false);
            File.Delete(mboxPath);

            log($"capture: writing a calendar of {options.CaptureEvents:N0} events ...");
            await File.WriteAllTextAsync(icsPath, Calendar(random, owner, colleagues, contacts));
            log("capture: importing the calendar ...");
            var calendar = await ImportAsync(http, "calendar (.ics)", owner.Id, icsPath, "text/calendar", options.CaptureEvents, measureMemory: true);
            return new Result(mailbox, again, calendar);
        }
        finally
        {
            File.Delete(mboxPath);
            File.Delete(icsPath);
        }
    }

    private async Task<Series> ImportAsync(HttpClient http, string name, string mailboxOf, string path, string contentType, int items, bool measureMemory)
    {
        // The API's peak resident set from here on: Linux resets VmHWM when "5" is written to clear_refs.
        double? peak = null;
        using var sampling = new CancellationTokenSource();
        Task? sampler = null;
        if (measureMemory && api is not null)
        {
            try
            {
                await File.WriteAllTextAsync($"/proc/{api.Pid}/clear_refs", "5");
            }
            catch (IOException)
            {
                // Not allowed here: the sampled resident set below still bounds the peak from below.
            }
            catch (UnauthorizedAccessException)
            {
            }
            sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak ?? 0, api.Memory().CurrentMiB);
                    await Task.Delay(100);
                }
            });
        }
        await using var file = File.OpenRead(path);
        using var content = new StreamContent(file, 256 * 1024);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Headers.ContentLength = file.Length;
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync($"api/interactions/import?mailboxOf={Uri.EscapeDataString(mailboxOf)}", content);
        var answer = await response.Content.ReadAsStringAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (sampler is not null)
        {
            await sampling.CancelAsync();
            await sampler;
            peak = Math.Max(peak ?? 0, api!.Memory().PeakMiB);
        }
        var read = (int)response.StatusCode == 200 ? JsonDocument.Parse(answer).RootElement.GetProperty("read").GetInt32() : items;
        log($"capture: {name}: {(int)response.StatusCode} in {seconds:F1} s: {answer}");
        return new Series(name, contentType, file.Length, read, seconds, (int)response.StatusCode, answer, peak);
    }

    private static string Address(ChartPerson p) => p.Email;

    private static string Mailbox(ChartPerson p) => $"\"{p.Name}\" <{p.Email}>";

    private static string RfcDate(DateTimeOffset t) => t.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The mailbox, oldest message first: 60 % threads with customers (a third of them replies), 20 % internal threads,
    /// 10 % with a partner address no one has in Cc, 10 % newsletters and notifications from addresses no one has.
    /// </summary>
    private async Task WriteMailboxAsync(string path, Random random, ChartPerson owner, List<ChartPerson> colleagues, List<ChartPerson> contacts)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        var now = DateTimeOffset.UtcNow.AddHours(-1);
        var start = now.AddDays(-365);
        var step = TimeSpan.FromDays(365) / Math.Max(1, options.CaptureMessages);
        var recent = new List<(string Id, string Subject)>();
        for (var i = 0; i < options.CaptureMessages; i++)
        {
            var at = start + step * i;
            var id = $"<{at.ToUnixTimeMilliseconds():x}.{i:x}.{options.Seed}@mail.{DomainOf(owner)}>";
            var kind = random.Next(100);
            ChartPerson? customer = contacts.Count > 0 ? contacts[random.Next(contacts.Count)] : null;
            string from, to, cc = "", subject;
            (string Id, string Subject)? replyTo = null;
            if (kind < 60 && customer is not null)
            {
                var outbound = random.Next(2) == 0;
                var others = Enumerable.Range(0, random.Next(0, 3)).Select(_ => contacts[random.Next(contacts.Count)]).Where(c => c != customer).ToList();
                // Some addresses as people type them: matched case-insensitively.
                var customerAddress = random.Next(10) == 0 ? Mailbox(customer).ToUpperInvariant() : Mailbox(customer);
                from = outbound ? Mailbox(owner) : customerAddress;
                to = outbound ? string.Join(", ", new[] { customerAddress }.Concat(others.Select(Mailbox))) : Mailbox(owner);
                if (random.Next(3) == 0) cc = Mailbox(colleagues[random.Next(colleagues.Count)]);
                if (recent.Count > 0 && random.Next(3) == 0) replyTo = recent[random.Next(recent.Count)];
                subject = replyTo is { } r ? "Re: " + r.Subject : $"Proposal {random.Next(1000, 9999)} for {customer.Name}";
            }
            else if (kind < 80)
            {
                from = Mailbox(random.Next(2) == 0 ? owner : colleagues[random.Next(colleagues.Count)]);
                to = Mailbox(colleagues[random.Next(colleagues.Count)]);
                subject = $"Internal: forecast week {random.Next(1, 53)}";
            }
            else if (kind < 90 && customer is not null)
            {
                from = Mailbox(owner);
                to = Mailbox(customer);
                cc = $"\"Partner {i % 500}\" <alliances{i % 500}@partner{i % 37}.example>";
                subject = $"Joint offer {random.Next(100, 999)}";
            }
            else
            {
                from = $"\"Newsletter\" <news{i % 97}@updates{i % 13}.example>";
                to = Mailbox(owner);
                subject = $"Your weekly digest #{i}";
            }

            writer.WriteLine($"From {ExtractAddress(from)} {at.ToString("ddd MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture)}");
            writer.WriteLine($"Return-Path: <{ExtractAddress(from)}>");
            writer.WriteLine($"Received: from mail{i % 7}.relay.example (mail{i % 7}.relay.example [10.{i % 250}.{i % 200}.{i % 100}])");
            writer.WriteLine($"\tby mx.{DomainOf(owner)} with ESMTPS id {i:x8}; {RfcDate(at)}");
            writer.WriteLine($"Date: {RfcDate(at)}");
            writer.WriteLine($"From: {from}");
            writer.WriteLine($"To: {to}");
            if (cc.Length > 0) writer.WriteLine($"Cc: {cc}");
            writer.WriteLine($"Subject: {subject}");
            writer.WriteLine($"Message-ID: {id}");
            if (replyTo is { } parent)
            {
                writer.WriteLine($"In-Reply-To: {parent.Id}");
                writer.WriteLine($"References: {parent.Id}");
            }
            writer.WriteLine("MIME-Version: 1.0");
            writer.WriteLine("Content-Type: text/plain; charset=utf-8");
            writer.WriteLine("Content-Transfer-Encoding: 7bit");
            writer.WriteLine();
            writer.WriteLine("Hello,");
            writer.WriteLine("thanks for the call earlier; the figures we discussed are attached as agreed.");
            if (i % 50 == 0) writer.WriteLine(">From our side, nothing changes in the plan.");
            writer.WriteLine("Best regards,");
            writer.WriteLine();
            if (kind < 60) recent.Add((id, subject.StartsWith("Re: ", StringComparison.Ordinal) ? subject[4..] : subject));
            if (recent.Count > 200) recent.RemoveAt(0);
        }
    }

    private static string ExtractAddress(string mailbox) =>
        mailbox.LastIndexOf('<') is var open and >= 0 ? mailbox[(open + 1)..mailbox.LastIndexOf('>')] : mailbox;

    private static string DomainOf(ChartPerson p) => p.Email[(p.Email.IndexOf('@') + 1)..];

    /// <summary>
    /// The calendar as Outlook writes it: 95 % single meetings (3 % cancelled, some with a declined attendee or a room),
    /// 5 % weekly series of six with an EXDATE; half of the meetings with a customer, the rest internal; UTC and
    /// Europe/Berlin start times; UIDs of Outlook's length.
    /// </summary>
    private string Calendar(Random random, ChartPerson owner, List<ChartPerson> colleagues, List<ChartPerson> contacts)
    {
        var s = new StringBuilder();
        void Line(string line)
        {
            // Folded at 75 octets, as RFC 5545 asks.
            for (var at = 0; at < line.Length; at += at == 0 ? 75 : 74)
                s.Append(at == 0 ? "" : " ").Append(line.AsSpan(at, Math.Min(at == 0 ? 75 : 74, line.Length - at))).Append("\r\n");
        }
        Line("BEGIN:VCALENDAR");
        Line("PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN");
        Line("VERSION:2.0");
        Line("METHOD:PUBLISH");
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < options.CaptureEvents; i++)
        {
            var start = now.AddDays(-random.Next(1, 360)).AddMinutes(-random.Next(0, 600));
            start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute / 15 * 15, 0, TimeSpan.Zero);
            var series = i % 20 == 0;
            if (series) start = start.AddDays(-60);
            Line("BEGIN:VEVENT");
            Line($"UID:040000008200E00074C5B7101A82E00800000000{i:X8}{options.Seed:X8}000000000000000010000000{i:X16}");
            Line($"DTSTAMP:{now:yyyyMMdd'T'HHmmss'Z'}");
            Line($"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}");
            Line($"DTEND:{start.AddMinutes(45):yyyyMMdd'T'HHmmss'Z'}");
            if (series)
            {
                Line("RRULE:FREQ=WEEKLY;COUNT=6");
                Line($"EXDATE:{start.AddDays(14):yyyyMMdd'T'HHmmss'Z'}");
            }
            if (i % 33 == 0) Line("STATUS:CANCELLED");
            Line($"SUMMARY:Meeting {i}");
            Line($"ORGANIZER;CN=\"{owner.Name}\":mailto:{Address(owner)}");
            var withCustomer = random.Next(2) == 0 && contacts.Count > 0;
            var attendees = withCustomer
                ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => contacts[random.Next(contacts.Count)]).Distinct().ToList()
                : Enumerable.Range(0, random.Next(1, 4)).Select(_ => colleagues[random.Next(colleagues.Count)]).Distinct().ToList();
            foreach (var (a, n) in attendees.Select((a, n) => (a, n)))
            {
                var partstat = n == 0 || random.Next(8) > 0 ? "ACCEPTED" : "DECLINED";
                Line($"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE;CN=\"{a.Name}\":mailto:{Address(a)}");
            }
            if (random.Next(4) == 0) Line($"ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=\"Room {i % 12}\":mailto:room{i % 12}@{DomainOf(owner)}");
            if (random.Next(5) == 0) Line($"ATTENDEE;PARTSTAT=NEEDS-ACTION;CN=\"Guest\":mailto:guest{i % 300}@outside{i % 17}.example");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return s.ToString();
    }

    /// <summary>The capture section of the report, next to the plain <c>POST /api/interactions</c> rate of the same run.</summary>
    public static string Markdown(Result r, PhaseResult? plain)
    {
        string F(double v, string format = "N0") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("### Capture: `POST /api/interactions/import` (issue #23)");
        s.AppendLine();
        s.AppendLine("| series | file | read | seconds | rate | status | answer |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var x in new[] { r.Mailbox, r.MailboxAgain, r.Calendar })
        {
            var unit = x.ContentType == "text/calendar" ? "events/s" : "messages/s";
            s.AppendLine($"| {x.Name} | {F(x.Bytes / 1048576.0, "F1")} MiB | {x.Items:N0} | {F(x.Seconds, "F1")} | {F(x.PerSecond)} {unit} | {x.Status} | `{x.Answer}` |");
        }
        if (plain is not null)
            s.AppendLine($"| plain `POST /api/interactions` (one per call, {plain.Records:N0}) | | {plain.Records:N0} | {F(plain.Seconds, "F1")} | {F(plain.RecordsPerSecond)} interactions/s | | |");
        s.AppendLine();
        s.AppendLine("| target | measured | verdict |");
        s.AppendLine("| --- | --- | --- |");
        var rate = r.Mailbox.PerSecond;
        s.AppendLine($"| ≥ {MessagesPerSecondTarget:N0} messages/s end to end | {F(rate)} messages/s | {(r.Mailbox.Status == 200 && rate >= MessagesPerSecondTarget ? "met" : "missed")} |");
        if (r.Mailbox.PeakMiB is { } peak)
            s.AppendLine($"| API peak ≤ {MemoryTargetMiB:N0} MiB while reading a {F(r.Mailbox.Bytes / 1048576.0, "F1")} MiB mbox | {F(peak)} MiB | {(peak <= MemoryTargetMiB ? "met" : "missed")} |");
        if (r.Calendar.PeakMiB is { } calendarPeak)
            s.AppendLine($"| API peak while reading the {F(r.Calendar.Bytes / 1048576.0, "F1")} MiB calendar (streamed as well) | {F(calendarPeak)} MiB | {(calendarPeak <= MemoryTargetMiB ? "met" : "missed")} |");
        return s.ToString();
    }
}
