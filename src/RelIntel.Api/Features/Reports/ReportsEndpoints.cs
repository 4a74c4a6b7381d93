using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Reports;

/// <summary>Influence-path reports: generated on request or by schedule, read as JSON, Markdown or HTML.</summary>
public static class ReportsEndpoints
{
    private const string Markdown = "text/markdown";
    private const string Html = "text/html";
    private const string FormatsNote = "Answers application/json (default), text/markdown or text/html by the Accept header; 406 for " +
                                       "anything else. The HTML is a standalone page.";

    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/reports").WithTags("Reports");
        group.MapPost("/", PostAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("generateReports").ProducesValidationProblem()
            .WithSummary("Generate reports now")
            .WithDescription("For one opportunity (opportunityId; 404 when unknown), or for every open one (stage not closed-won or " +
                             "closed-lost) when opportunityId is left out. 201 with the stored reports, each compared with the " +
                             "previous report of its opportunity. Reports show what every seller may see: company-visible " +
                             "relationships, hidden ones only as introduction routes; a person marked do-not-contact after a report was made is left " +
                             "out of it when it is read. Every read is audited. " + FormatsNote)
            .Produces<IReadOnlyList<ReportResponse>>(StatusCodes.Status201Created, "application/json", Markdown, Html)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        group.MapGet("/", ListAsync)
            .WithName("listReports").ProducesValidationProblem()
            .WithSummary("List reports, newest first")
            .WithDescription("Filter by opportunityId and since (an ISO 8601 moment: generated at or after it). " + FormatsNote)
            .Produces<Paged<ReportResponse>>(StatusCodes.Status200OK, "application/json", Markdown, Html)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        group.MapGet("/{id}", GetAsync)
            .WithName("getReport").ProducesValidationProblem()
            .WithSummary("Get one report")
            .WithDescription("With the webhook delivery attempts recorded for it. " + FormatsNote)
            .Produces<ReportResponse>(StatusCodes.Status200OK, "application/json", Markdown, Html)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        return group;
    }

    internal enum Format
    {
        Json,
        Markdown,
        Html,
    }

    private static readonly Offer<Format>[] Offers =
    [
        new(Format.Json, "application/json", "application/*"),
        new(Format.Markdown, Markdown, "text/x-markdown"),
        new(Format.Html, Html, "text/*"),
    ];

    /// <summary>The best format the caller accepts (see <see cref="ContentNegotiation.Choose{T}"/>); JSON when they do not say.</summary>
    internal static Format? Negotiate(HttpRequest request) => ContentNegotiation.Choose(request, Offers);

    private static ProblemHttpResult NotAcceptable() => ContentNegotiation.NotAcceptable("Reports", "application/json", Markdown, Html);

    private static IResult Render(HttpContext context, Format format, object json, Func<string> markdown, Func<string> html, int status)
    {
        ContentNegotiation.VaryByAccept(context);
        return format switch
        {
            Format.Markdown => TypedResults.Text(markdown(), $"{Markdown}; charset=utf-8", statusCode: status),
            Format.Html => TypedResults.Text(html(), $"{Html}; charset=utf-8", statusCode: status),
            _ => TypedResults.Json(json, statusCode: status),
        };
    }

    private static async Task<IResult> PostAsync(GenerateReportsRequest? request, HttpContext context, ReportGenerator generator,
        ReportStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var opportunityId = request?.OpportunityId;
        if (Negotiate(context.Request) is not { } format) return NotAcceptable();

        var now = clock.GetUtcNow();
        var ids = opportunityId is null ? await store.OpenOpportunityIdsAsync(cancellationToken) : [opportunityId];
        var stored = new List<StoredReport>();
        foreach (var id in ids)
        {
            var generated = await generator.GenerateAsync(id, new ReportBuilder.Origin(ReportGenerator.NewId(), now), cancellationToken);
            if (generated is { } g) stored.Add(g.Report);
            else if (opportunityId is not null) return Problems.NotFound("Opportunity", "opportunityId", opportunityId);
        }
        var reports = stored.Select(r => r.Report).ToList();
        if (reports.Count == 1) context.Response.Headers.Location = $"/api/reports/{Uri.EscapeDataString(reports[0].Id)}";
        return Render(context, format, reports, () => ReportRendering.Markdown(reports),
            () => ReportRendering.Html(reports, "Influence-path reports"), StatusCodes.Status201Created).Audited(stored.SelectMany(r => r.ShownKeys));
    }

    private static async Task<IResult> ListAsync(string? opportunityId, string? since, int? page, int? pageSize, HttpContext context,
        ReportStore store, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        DateTimeOffset? sinceAt = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) sinceAt = parsed;
            else validation.Add("since", "Must be an ISO 8601 date and time, e.g. 2026-06-01T00:00:00Z.");
        }
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;
        if (Negotiate(context.Request) is not { } format) return NotAcceptable();

        var (total, stored) = await store.ListAsync(opportunityId, sinceAt, paging, cancellationToken);
        var items = stored.Select(r => r.Report).ToList();
        var result = new Paged<ReportResponse>(items, paging.Page, paging.PageSize, total);
        var title = $"Influence-path reports: page {paging.Page}, {items.Count} of {total}";
        return Render(context, format, result, () => $"_{title}_\n\n" + ReportRendering.Markdown(items),
            () => ReportRendering.Html(items, title), StatusCodes.Status200OK).Audited(stored.SelectMany(r => r.ShownKeys));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ReportStore store, CancellationToken cancellationToken)
    {
        if (Negotiate(context.Request) is not { } format) return NotAcceptable();
        if (await store.GetAsync(id, cancellationToken) is not { } stored) return Problems.NotFound("Report", "id", id);
        var report = stored.Report;
        return Render(context, format, report, () => ReportRendering.Markdown(report), () => ReportRendering.Html(report),
            StatusCodes.Status200OK).Audited(stored.ShownKeys);
    }
}
