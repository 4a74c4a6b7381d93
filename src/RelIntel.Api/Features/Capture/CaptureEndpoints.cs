using System.Text;
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
                "naming its line or message and records nothing. The answer counts and names no one.")
            .Accepts<string>("text/calendar", "message/rfc822", "application/mbox", "application/json")
            .Produces<CaptureResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, Caller caller, ViewerGraph graph,
        CancellationToken cancellationToken, string? mailboxOf = null)
    {
        var viewer = graph.Viewer;
        if (new Validation().Id("mailboxOf", mailboxOf).Problem() is { } invalid) return invalid;
        if (FormatOf(request.ContentType) is not { } format) return UnsupportedType();
        if (caller.Writer is { } writer && writer != mailboxOf)
            return Access.Forbidden("mailboxOf", "This API key acts as one of our people and imports only that person's mailbox.");
        var owner = (await graph.ReadAsync(MailboxOwner, new { personId = mailboxOf }, cancellationToken)).SingleOrDefault<OwnerRow>()!;
        if (!owner.Found) return Problems.NotFound("Person", "mailboxOf", mailboxOf!);
        if (!owner.Ours) return Problems.Invalid("mailboxOf", "Must be one of our people: only their calendars and mailboxes are imported.");
        if (viewer.Charter.Capture.OptedOutPersonIds.Contains(mailboxOf!))
            return Access.Forbidden("mailboxOf", "The charter opts this person out of capture: their mail and meetings are not read.");

        await using var body = BulkBody.Open(request);
        if (body is null) return BulkBody.TooLargeProblem();
        IReadOnlyList<Captured> captured;
        try
        {
            captured = await ReadAsync(format, body, viewer.Now, cancellationToken);
        }
        catch (CaptureFormatException e)
        {
            return Problems.Invalid("body", e.Message);
        }
        return TypedResults.Ok(await CaptureRecorder.RecordAsync(graph, captured, viewer, caller.Writer, cancellationToken));
    }

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

    private static async Task<IReadOnlyList<Captured>> ReadAsync(Format format, Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case Format.Calendar:
                using (var reader = new StreamReader(body, Encoding.UTF8))
                    return CalendarReader.Read(await reader.ReadToEndAsync(cancellationToken), now);
            case Format.Message:
                return await MailReader.ReadAsync(body, mbox: false, now, cancellationToken);
            case Format.Mbox:
                return await MailReader.ReadAsync(body, mbox: true, now, cancellationToken);
            default:
                return await GraphReader.ReadAsync(body, now, cancellationToken);
        }
    }

    private static IResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: "Send text/calendar, message/rfc822, application/mbox or application/json (Microsoft Graph).");
}
