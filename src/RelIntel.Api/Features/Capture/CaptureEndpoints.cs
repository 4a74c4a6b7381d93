using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Capture;

/// <summary>Learns where relationships happen: calendar and mailbox exports, metadata only, under the charter's capture rules.</summary>
public static class CaptureEndpoints
{
    private static readonly CypherQuery MailboxOwner = Cypher.Load("interactions/mailbox-owner");

    private sealed record OwnerRow(bool Found, bool Ours);

    public static RouteGroupBuilder MapCapture(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/interactions/import").WithTags("Relationships");
        group.MapPost("/", ImportAsync)
            .WithName("importInteractions")
            .WithSummary("Import a calendar or mailbox export")
            .WithDescription(
                "`mailboxOf`: whose calendar or mailbox it is (one of our people; seller and manager keys import only their own, " +
                "integration and admin keys any; a person the charter's capture block opts out is 403). The body: " +
                "`text/calendar` (an iCalendar export: organizer and attendees by address, cancelled events, declined attendees " +
                "and rooms left out, recurring events expanded into their past occurrences), `message/rfc822` or " +
                "`application/mbox` (headers only: From, To, Cc, Date, Message-ID), or `application/json` in Microsoft Graph's " +
                "shapes (`{\"value\": [event…]}` or `{\"value\": [message…]}`). Addresses are matched to people " +
                "case-insensitively and never stored; an interaction is recorded, as `POST /api/interactions` records one, when " +
                "one of ours and one of theirs take part; ids come from the calendar UID and recurrence id or the Message-ID, so " +
                "a re-import changes nothing. The whole body is read before anything is recorded: a malformed one is a 400 " +
                "naming its line or message and records nothing. Every format streams (one event, message or item at a time) and may be " +
                "up to 128 MiB (a larger body is 413). The answer counts and names no one.")
            .Accepts<string>("text/calendar", "message/rfc822", "application/mbox", "application/json")
            .Produces<CaptureResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    /// <summary>More than one read of the body brings (the readers read 64 KiB at a time).</summary>
    private const long ReadSlack = 1024 * 1024;

    private static async Task<IResult> ImportAsync(HttpRequest request, Caller caller, ViewerGraph graph, IOptions<CaptureLimits> limits,
        CancellationToken cancellationToken, [RequiredId] string? mailboxOf = null)
    {
        var viewer = graph.Viewer;
        if (FormatOf(request.ContentType) is not { } format) return UnsupportedType();
        if (caller.Writer is { } writer && writer != mailboxOf)
            return Access.Forbidden("mailboxOf", "This API key acts as one of our people and imports only that person's mailbox.");
        var owner = (await graph.ReadAsync(MailboxOwner, new { personId = mailboxOf }, cancellationToken)).SingleOrDefault<OwnerRow>()!;
        if (!owner.Found) return Problems.NotFound("Person", "mailboxOf", mailboxOf!);
        if (!owner.Ours) return Problems.Invalid("mailboxOf", "Must be one of our people: only their calendars and mailboxes are imported.");
        if (viewer.Charter.Capture.OptedOutPersonIds.Contains(mailboxOf!))
            return Access.Forbidden("mailboxOf", "The charter opts this person out of capture: their mail and meetings are not read.");

        var limit = limits.Value.MaxBodyBytes;
        if (request.ContentLength > limit) return TooLarge(limit);
        // The bound is kept by the first reading (BulkBody: a 413 as soon as the bytes read pass it); the server's and the
        // disk buffer's own limits sit one read further, so they never answer first (as a 500 or with another bound).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + ReadSlack;
        // Read twice (checked whole before anything is recorded, then recorded): the body waits on disk, not in memory.
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit + ReadSlack);
        await using var body = BulkBody.Open(request, limit)!;
        var source = new ImportSource(format, body, request.Body, viewer.Now);
        try
        {
            return TypedResults.Ok(await CaptureRecorder.RecordAsync(graph, source.ReadAsync, viewer, caller.Writer, cancellationToken));
        }
        catch (CaptureFormatException e)
        {
            return Problems.Invalid("body", e.Message);
        }
        catch (BodyTooLargeException)
        {
            return TooLarge(limit);
        }
    }

    /// <summary>
    /// The export, read as often as the recorder asks: the first time through <paramref name="counted"/> (which bounds it),
    /// then from the start of <paramref name="buffered"/>. Every format streams, one event, message or item at a time.
    /// </summary>
    private sealed class ImportSource(Format format, Stream counted, Stream buffered, DateTimeOffset now)
    {
        private bool started;

        public IAsyncEnumerable<Captured> ReadAsync()
        {
            var stream = counted;
            if (started)
            {
                buffered.Position = 0;
                stream = buffered;
            }
            started = true;
            return format switch
            {
                Format.Calendar => CalendarReader.ReadAsync(stream, now),
                Format.Message => MailReader.ReadAsync(stream, mbox: false, now),
                Format.Mbox => MailReader.ReadAsync(stream, mbox: true, now),
                _ => GraphReader.ReadAsync(stream, now),
            };
        }
    }

    private static IResult TooLarge(long limit) => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"Calendar and mailbox exports are limited to {Limit(limit)}.");

    private static string Limit(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes:N0} bytes";

    private enum Format
    {
        Calendar,
        Message,
        Mbox,
        Graph,
    }

    private static Format? FormatOf(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "text/calendar" => Format.Calendar,
        "message/rfc822" => Format.Message,
        "application/mbox" => Format.Mbox,
        "application/json" => Format.Graph,
        _ => null,
    };

    private static IResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: "Send text/calendar, message/rfc822, application/mbox or application/json (Microsoft Graph).");
}
