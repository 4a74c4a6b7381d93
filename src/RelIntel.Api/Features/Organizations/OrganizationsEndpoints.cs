using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Organizations;

/// <summary>Organizations: our own company, customers, partners and competitors, keyed by CRM id.</summary>
public static class OrganizationsEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("organizations/upsert");
    private static readonly CypherQuery Get = Cypher.Load("organizations/get");
    private static readonly CypherQuery List = Cypher.Load("organizations/list");
    private static readonly CypherQuery Search = Cypher.Load("organizations/search");
    private static readonly CypherQuery Delete = Cypher.Load("organizations/delete");

    public static RouteGroupBuilder MapOrganizations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/organizations").WithTags("Organizations");

        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertOrganization")
            .WithSummary("Create or replace an organization")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription(MergePatch.PutSemantics + " Idempotent upsert keyed by the CRM id. 201 when new, 200 when replaced. " +
                             "A domain already claimed by another organization is a 409.");
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("patchOrganization")
            .WithSummary("Change some fields of an organization")
            .WithDescription(MergePatch.Semantics + " A domain already claimed by another organization is a 409.")
            .Accepts<OrganizationRequest>(MergePatch.ContentType)
            .Produces<OrganizationResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/{id}", GetAsync).WithName("getOrganization").WithSummary("Get one organization").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync)
            .WithName("listOrganizations")
            .WithSummary("List organizations")
            .WithDescription("Filter by kind; `search` is a full-text query (Lucene syntax) over name, domain and industry.");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("deleteOrganization")
            .WithSummary("Delete an organization")
            .WithDescription("Refused with 409 while people or opportunities still belong to it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private sealed record UpsertRow(bool Created, OrganizationResponse Organization);

    private sealed record OrganizationRow(OrganizationResponse Organization);

    private sealed record PageRow(long Total, List<OrganizationResponse> Items);

    private sealed record DeleteRow(bool Deleted);

    private static async Task<Results<Created<OrganizationResponse>, Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, OrganizationRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken) =>
        await UpsertAsync(id, request, graph, clock, cancellationToken);

    /// <summary>The stored organization as a PUT body, the patch applied onto it, then exactly what the PUT does.</summary>
    private static async Task<Results<Created<OrganizationResponse>, Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string id, HttpRequest http, IGraph graph, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        return await MergePatch.PatchAsync<OrganizationRequest, OrganizationResponse>(http, json.Value.SerializerOptions, async () =>
        {
            var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<OrganizationRow>();
            if (row is null) return Problems.NotFound("Organization", "id", id);
            var stored = row.Organization;
            return new OrganizationRequest(stored.Name, stored.Kind, stored.Domain, stored.Industry);
        }, request => UpsertAsync(id, request, graph, clock, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<OrganizationResponse>, Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        string id, OrganizationRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        UpsertRow row;
        try
        {
            row = (await graph.WriteAsync(Upsert, new
            {
                id,
                name = request.Name!.Trim(),
                kind = request.Kind,
                domain = request.Domain?.Trim().ToLowerInvariant(),
                industry = request.Industry?.Trim(),
            now = clock.GetUtcNow(),
            }, cancellationToken)).SingleOrDefault<UpsertRow>()!;
        }
        catch (Neo4jConstraintViolationException)
        {
            return Problems.Conflict("Domain already claimed",
                $"Another organization already has the domain '{request.Domain}'.", field: "domain");
        }
        return row.Created
            ? TypedResults.Created($"/api/organizations/{Uri.EscapeDataString(id)}", row.Organization)
            : TypedResults.Ok(row.Organization);
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<OrganizationRow>();
        return row is null ? Problems.NotFound("Organization", "id", id) : TypedResults.Ok(row.Organization);
    }

    private static async Task<Results<Ok<Paged<OrganizationResponse>>, ValidationProblem>> ListAsync(
        IGraph graph, CancellationToken cancellationToken,
        string? kind = null, string? search = null, int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Text("search", search, Validation.MaxNameLength);
        var kindFilter = validation.Word<OrganizationKind>("kind", kind);
        var paging = Paging.Of(page, pageSize);
        if (validation.Problem() is { } problem) return problem;

        var parameters = new { kind = kindFilter, search, skip = paging.Skip, limit = paging.PageSize };
        QueryResult result;
        try
        {
            result = await graph.ReadAsync(string.IsNullOrWhiteSpace(search) ? List : Search, parameters, cancellationToken);
        }
        catch (Neo4jClientException e) when (e.IsFullTextQuerySyntaxError)
        {
            return Problems.Invalid("search", "Not a valid full-text query (Lucene syntax: words, quotes, AND/OR, wildcards).");
        }
        var row = result.SingleOrDefault<PageRow>()!;
        return TypedResults.Ok(new Paged<OrganizationResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Delete, new { id }, cancellationToken)).SingleOrDefault<DeleteRow>();
        if (row is null) return Problems.NotFound("Organization", "id", id);
        if (!row.Deleted)
            return Problems.Conflict("Organization still in use",
                // No counts: they would count people the caller may not see.
                $"Organization '{id}' still has people or opportunities; delete or move them first.");
        return TypedResults.NoContent();
    }
}
