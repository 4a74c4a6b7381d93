using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.ApiKeys;

/// <summary>A new API key. <c>seller</c> and <c>manager</c> keys act as one of our people (<c>personId</c>, required).</summary>
public sealed record ApiKeyRequest(string? Name, ApiRole? Role, string? PersonId = null) : IHasExample<ApiKeyRequest>, IValidatable
{
    public static ApiKeyRequest Example => new("Ava's Swagger key", ApiRole.Seller, "acme-ava");

    public Validation Validate()
    {
        var validation = new Validation().Text("name", Name, Validation.MaxNameLength, required: true).Required("role", Role);
        if (Role is ApiRole.Seller or ApiRole.Manager) validation.Id("personId", PersonId);
        else if (Role is not null && PersonId is not null)
            validation.Add("personId", "Only seller and manager keys act as one of our people.");
        return validation;
    }
}

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyResponse(string Id, string Name, ApiRole Role, string? PersonId, DateTimeOffset CreatedAt, string? CreatedBy,
    DateTimeOffset? RevokedAt);

/// <summary>A key just created: the secret is shown this once (only its SHA-256 hash is stored).</summary>
public sealed record CreatedApiKeyResponse(string Id, string Name, ApiRole Role, string? PersonId, DateTimeOffset CreatedAt, string Secret)
    : IHasExample<CreatedApiKeyResponse>
{
    public static CreatedApiKeyResponse Example => new("key-3f9c2a1b7d4e", "Ava's Swagger key", ApiRole.Seller, "acme-ava",
        new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), "ri_q0R8x...");
}

/// <summary>API keys: created and revoked by admins.</summary>
public static class ApiKeysEndpoints
{
    private static readonly CypherQuery Create = Cypher.Load("api-keys/create");
    private static readonly CypherQuery List = Cypher.Load("api-keys/list");
    private static readonly CypherQuery Revoke = Cypher.Load("api-keys/revoke");

    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api-keys").WithTags("Charter").RequireAuthorization(Policies.Admin);
        group.MapPost("/", CreateAsync)
            .WithName("createApiKey")
            .WithSummary("Create an API key")
            .WithDescription("role: admin, integration, manager or seller. seller and manager keys act as one of our people " +
                             "(personId: someone of our own organization). The answer shows the secret once; send it as " +
                             "Authorization: Bearer <secret>.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("listApiKeys").WithSummary("List API keys (without secrets)");
        group.MapDelete("/{id}", RevokeAsync)
            .WithName("revokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("Takes effect on the very next call. The bootstrap admin key comes from configuration and is " +
                             "revoked by removing it there.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record CreateRow(string Outcome, ApiKeyResponse? Key);

    private sealed record PageRow(long Total, List<ApiKeyResponse> Items);

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ApiKeyRequest request, HttpContext context, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var secret = ApiKeyStore.NewSecret();
        var row = (await graph.WriteAsync(Create, new
        {
            id = "key-" + Guid.NewGuid().ToString("N")[..16],
            name = request.Name!.Trim(),
            role = request.Role!.Value.Word(),
            personId = request.PersonId,
            hash = ApiKeyStore.Hash(secret),
            createdBy = Caller.From(context.User)?.KeyName,
            now = clock.GetUtcNow(),
        }, cancellationToken)).SingleOrDefault<CreateRow>()!;
        return row.Outcome switch
        {
            "person-not-found" => Problems.NotFound("Person", "personId", request.PersonId!),
            "person-not-ours" => Problems.Invalid("personId", "Must be one of our people (an organization of kind own)."),
            _ => TypedResults.Created($"/api/api-keys/{row.Key!.Id}",
                new CreatedApiKeyResponse(row.Key.Id, row.Key.Name, row.Key.Role, row.Key.PersonId, row.Key.CreatedAt, secret)),
        };
    }

    private static async Task<Results<Ok<Paged<ApiKeyResponse>>, ValidationProblem>> ListAsync(
        IGraph graph, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var paging = Paging.Of(page, pageSize);
        var row = (await graph.ReadAsync(List, new { skip = paging.Skip, limit = paging.PageSize }, cancellationToken)).SingleOrDefault<PageRow>()!;
        return TypedResults.Ok(new Paged<ApiKeyResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        string id, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = (await graph.WriteAsync(Revoke, new { id, now = clock.GetUtcNow() }, cancellationToken)).Scalar<bool>("found");
        return found ? TypedResults.NoContent() : Problems.NotFound("API key", "id", id);
    }
}
