using System.Runtime.CompilerServices;
using System.Text;
using MimeKit;
using MimeKit.Utils;
using RelIntel.Api.Domain.Interactions;

namespace RelIntel.Api.Features.Capture;

/// <summary>
/// Reads messages' headers only (From, To, Cc, Date, Message-ID), one message (<c>message/rfc822</c>) or a mailbox file
/// (<c>application/mbox</c>), streamed line by line: each header block is parsed by MimeKit and bodies are skipped unread,
/// so subjects, bodies and attachments never reach the graph, nor memory beyond one line.
/// </summary>
public static class MailReader
{
    /// <summary>A header block longer than this is not a message's headers.</summary>
    private const int MaxHeaderBytes = 256 * 1024;

    private static readonly HeaderId[] AddressHeaders = [HeaderId.From, HeaderId.To, HeaderId.Cc];

    public static async IAsyncEnumerable<Captured> ReadAsync(Stream body, bool mbox, DateTimeOffset now,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Latin-1 keeps every byte as one char, so a header block goes back to MimeKit exactly as it came.
        using var reader = new StreamReader(body, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        var count = 0;
        var headers = new StringBuilder();
        var (lineNumber, message, inHeaders, afterBlank) = (0, mbox ? 0 : 1, !mbox, true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            // A message starts at a "From " line after a blank one (bodies' own "From " lines are escaped as ">From ").
            var separator = mbox && !inHeaders && afterBlank && line.StartsWith("From ", StringComparison.Ordinal);
            afterBlank = line.Length == 0;
            if (separator)
            {
                (inHeaders, message) = (true, message + 1);
                continue;
            }
            if (mbox && message == 0)
            {
                if (line.Length == 0) continue;
                throw new CaptureFormatException($"line {lineNumber}", "An mbox file starts each message with a \"From \" line.");
            }
            if (!inHeaders) continue;
            if (line.Length == 0)
            {
                count++;
                yield return Read(headers, message, now);
                (inHeaders, headers) = (false, headers.Clear());
                continue;
            }
            headers.Append(line).Append("\r\n");
            if (headers.Length > MaxHeaderBytes) throw new CaptureFormatException($"message {message}", "Its headers never end.");
        }
        if (inHeaders && headers.Length > 0)
        {
            count++;
            yield return Read(headers, message, now);
        }
        if (message == 0 || count == 0) throw new CaptureFormatException("line 1", "No message headers.");
    }

    private static Captured Read(StringBuilder block, int message, DateTimeOffset now)
    {
        HeaderList headers;
        try
        {
            using var stream = new MemoryStream(Encoding.Latin1.GetBytes(block.ToString() + "\r\n"));
            headers = HeaderList.Load(stream);
        }
        catch (FormatException e)
        {
            throw new CaptureFormatException($"message {message}", $"Its headers cannot be read: {e.Message}");
        }
        if (headers[HeaderId.Date] is not { } dateText || !DateUtils.TryParse(dateText, out DateTimeOffset date))
            throw new CaptureFormatException($"message {message}", "No readable Date header.");
        var addresses = AddressHeaders.SelectMany(id => headers.Where(h => h.Id == id))
            .SelectMany(h => InternetAddressList.TryParse(h.Value, out var list) ? list.Mailboxes.Select(m => m.Address) : [])
            .Select(CaptureIds.Address).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (headers[HeaderId.From] is null) throw new CaptureFormatException($"message {message}", "No From header.");
        if (date > now) return Captured.Skipped(SkipReasons.Future);
        // A message without a Message-ID (rare: drafts, some gateways) is known by who sent it to whom, and when.
        var id = headers[HeaderId.MessageId] is { Length: > 0 } messageId
            ? CaptureIds.Message(messageId)
            : CaptureIds.For("mail", $"{date.UtcDateTime:O}|{string.Join(",", addresses)}");
        return new Captured(id, date, InteractionKind.Email, addresses);
    }
}
