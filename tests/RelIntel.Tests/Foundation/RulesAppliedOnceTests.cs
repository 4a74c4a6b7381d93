using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Foundation;

/// <summary>
/// The rules every endpoint follows are applied once, where they cannot be forgotten: requests are validated by the
/// <c>/api</c> group (bodies that check themselves, ids by name), answers that show relationships are audited by the group,
/// and the charter's parameters ride with the graph bound to the caller, never passed by a call site.
/// </summary>
public sealed partial class RulesAppliedOnceTests : ApiTest
{
    private const string BadId = "not an id!";

    private static readonly JsonSerializerOptions ApiJson = JsonOptions();

    private static JsonSerializerOptions JsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }

    private IReadOnlyList<RouteEndpoint> ApiEndpoints() => App.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
        .ToList();

    private static MethodInfo Handler(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<MethodInfo>() ?? throw new AssertionException($"{Describe(endpoint)} has no handler method");

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";

    [Test]
    public void Every_endpoint_of_the_api_has_its_requests_validated_and_its_answers_audited_by_the_group()
    {
        var endpoints = ApiEndpoints();
        Assert.That(endpoints, Has.Count.GreaterThan(40));
        Assert.Multiple(() =>
        {
            foreach (var endpoint in endpoints)
            {
                Assert.That(endpoint.Metadata.GetMetadata<ValidatedRequests>(), Is.Not.Null, $"{Describe(endpoint)} is not validated");
                Assert.That(endpoint.Metadata.GetMetadata<AuditsAnswers>(), Is.Not.Null, $"{Describe(endpoint)} is not audited");
            }
        });
    }

    [Test]
    public void Every_body_an_endpoint_takes_validates_itself()
    {
        var bodies = ApiEndpoints()
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Where(a => a.RequestType is not null)
                // A body the handler takes as a parameter (bulk endpoints read theirs from the request themselves, record by record,
                // and so do the imports of text bodies: a string parameter is a route or query value, never the body).
                .Where(a => a.RequestType != typeof(string) && Handler(e).GetParameters().Any(p => p.ParameterType == a.RequestType))
                .Select(a => (Endpoint: Describe(e), Type: a.RequestType!)))
            .ToList();
        Assert.That(bodies, Has.Count.GreaterThan(10));
        Assert.That(bodies.Where(b => !typeof(IValidatable).IsAssignableFrom(b.Type)).Select(b => $"{b.Endpoint} takes {b.Type.Name}"),
            Is.Empty, "bodies that are not IValidatable");
    }

    [Test]
    public void Every_id_a_route_names_is_one_the_handler_takes_as_an_id_the_group_checks()
    {
        var notChecked = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            var parameters = Handler(endpoint).GetParameters();
            foreach (var name in endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(IsIdName))
            {
                if (parameters.SingleOrDefault(p => p.Name == name) is not { } parameter || !RequestValidation.IsIdParameter(parameter))
                    notChecked.Add($"{Describe(endpoint)}: {name}");
            }
        }
        Assert.That(notChecked, Is.Empty, "route ids the validation does not check");
    }

    [Test]
    public async Task A_bad_id_on_every_route_with_an_id_answers_400_naming_it()
    {
        var routes = ApiEndpoints()
            .Where(e => e.RoutePattern.Parameters.Any(p => IsIdName(p.Name)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        Assert.That(routes, Has.Count.GreaterThan(15));
        foreach (var (method, endpoint) in routes)
        {
            foreach (var bad in endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(IsIdName))
            {
                var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!,
                    m => Uri.EscapeDataString(m.Groups["name"].Value == bad ? BadId : "some-id"));
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                // A body of the type the route takes, so the id is what is wrong (routing refuses another content type first).
                var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                if (method is "PUT" or "POST" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, contentType);
                await (await Client.SendAsync(request)).ShouldBeProblem(HttpStatusCode.BadRequest, bad);
            }
        }
    }

    [Test]
    public async Task Bad_query_values_and_a_bad_body_answer_one_400_naming_every_bad_field_with_its_index()
    {
        await (await Client.DeleteAsync($"/api/relationships?ourPersonId={Uri.EscapeDataString(BadId)}"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "ourPersonId");
        var missing = await (await Client.DeleteAsync("/api/relationships?ourPersonId=p-1")).ShouldBeProblem(HttpStatusCode.BadRequest, "theirPersonId");
        Assert.That(missing["errors"]!["theirPersonId"]![0]!.GetValue<string>(), Is.EqualTo("Required."));

        var paths = await (await Client.GetAsync("/api/paths?from=p-1&k=0&maxHops=9")).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        Assert.That(paths["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "to", "k", "maxHops" }));
        var page = await (await Client.GetAsync($"/api/people/{Uri.EscapeDataString(BadId)}/relationships?page=0&pageSize=501"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "page");
        Assert.That(page["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "id", "page", "pageSize" }));
        Assert.That(page["errors"]!["pageSize"]![0]!.GetValue<string>(), Is.EqualTo($"Must be between 1 and {Paging.MaxPageSize}."));

        var problem = await (await PutAsync($"/api/opportunities/{Uri.EscapeDataString(BadId)}/buying-center/{Uri.EscapeDataString(BadId)}",
            new { roles = Array.Empty<string>() })).ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "id", "personId", "roles" }));

        var interaction = await (await PostAsync("/api/interactions", new
        {
            id = NewId("i"), at = "2026-05-01T10:00:00Z", kind = "meeting", participantIds = new[] { "p-1", BadId, "p-1" },
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "participantIds[1]");
        Assert.That(interaction["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "participantIds[1]", "participantIds[2]" }));
    }

    [Test]
    public void No_handler_records_the_audit_itself()
    {
        var recording = ApiEndpoints().Where(e => Handler(e).GetParameters().Any(p => p.ParameterType == typeof(AuditLog)) &&
                                                 e.RoutePattern.RawText?.TrimEnd('/') != "/api/audit")
            .Select(Describe);
        Assert.That(recording, Is.Empty, "handlers that take the audit log (the group's filter records answers)");
    }

    [Test]
    public void Every_endpoint_whose_answer_shows_relationships_returns_an_audited_result()
    {
        var showing = ApiEndpoints()
            .Where(e => e.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode < 300 && ShowsRelationships(p.Type)))
            .ToList();
        Assert.That(showing.Select(Describe), Has.Some.Contains("/relationships"), "the check finds the answers it is about");
        Assert.That(showing.Where(e => !Mentions(Handler(e).ReturnType, typeof(AuditedResult<>)) && Handler(e).ReturnType != typeof(Task<IResult>))
            .Select(Describe), Is.Empty, "answers that show relationships without being audited");
    }

    [Test]
    public async Task An_answer_showing_relationships_is_audited_by_the_group_as_before()
    {
        var own = await World.OrganizationAsync("own", "Us");
        var customer = await World.OrganizationAsync("customer", "Them");
        var seller = await World.PersonAsync(own, "Sal Seller");
        var buyer = await World.PersonAsync(customer, "Bea Buyer");
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = buyer, strength = 0.5, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        var key = await Keys.CreateAsync("integration");
        using var reader = App.CreateClientWithKey(key.Secret);

        await reader.GetAsync($"/api/people/{buyer}/relationships").ShouldBe(HttpStatusCode.OK);
        await reader.GetAsync($"/api/people/{Uri.EscapeDataString(BadId)}/relationships").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await reader.GetAsync($"/api/people/{NewId("nobody")}/relationships").ShouldBeProblem(HttpStatusCode.NotFound);

        var page = await Client.GetFromJsonAsync<Paged<AuditEntryResponse>>(
            $"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(key.Name)}", ApiJson);
        var entry = page!.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.CallerKeyId, Is.EqualTo(key.Id));
            Assert.That(entry.CallerRole, Is.EqualTo("integration"));
            Assert.That(entry.Method, Is.EqualTo("GET"));
            Assert.That(entry.Endpoint, Is.EqualTo("/api/people/{id}/relationships"));
            Assert.That(entry.Path, Is.EqualTo($"/api/people/{buyer}/relationships"));
            Assert.That(entry.Relationships, Is.EqualTo(new[] { $"{seller}|{buyer}" }));
        });
    }

    [Test]
    public async Task A_statement_that_uses_the_viewer_runs_only_on_a_graph_bound_to_one()
    {
        var graph = App.Services.GetRequiredService<IGraph>();
        var query = Cypher.Load("people/get");
        Assert.That(query.Uses(ViewerGraph.ViewerParameter), Is.True, "people/get decides with the charter's rules");

        var unbound = Assert.ThrowsAsync<MissingGraphParameterException>(() => graph.ReadAsync(query, new { id = "p-1" }));
        Assert.That(unbound!.Message, Does.Contain("$viewer").And.Contain("people/get").And.Contain(nameof(ViewerGraph)));

        var charter = await App.Services.GetRequiredService<CharterStore>().GetAsync(CancellationToken.None);
        var bound = graph.For(Viewer.Everything(charter, App.Clock.GetUtcNow()));
        Assert.That((await bound.ReadAsync(query, new { id = NewId("nobody") })).Rows, Is.Empty);

        var twice = Assert.ThrowsAsync<InvalidOperationException>(() => bound.ReadAsync(query, new { id = "p-1", viewer = new { all = true } }));
        Assert.That(twice!.Message, Does.Contain("$viewer"));
    }

    [Test]
    public void Every_statement_knows_the_parameters_it_uses_after_its_rules_are_expanded()
    {
        var library = Cypher.Library;
        var expandedOnly = new List<string>();
        foreach (var name in library.Names)
        {
            var source = library.Source(name);
            var query = library.Load(name);
            // A rule reads $viewer or $charter; a statement calling it uses them though its own text may never say so.
            foreach (var rule in library.Rules.Values.Where(r => source.Contains(r.Call + "(", StringComparison.Ordinal)))
                Assert.That(query.Parameters, Is.SupersetOf(new CypherQuery(rule.File, rule.Body).Parameters), $"{name} calls {rule.Call}");
            if (query.Uses(ViewerGraph.ViewerParameter) && !source.Contains("$" + ViewerGraph.ViewerParameter, StringComparison.Ordinal))
                expandedOnly.Add(name);
        }
        Assert.That(expandedOnly, Is.Not.Empty, "statements that use $viewer only through a rule");
        Assert.That(new CypherQuery("test", "RETURN '$viewer' AS s // $charter\nUNION RETURN $id AS s").Parameters, Is.EquivalentTo(new[] { "id" }));
    }

    private static bool IsIdName(string name) => name == "id" || name.EndsWith("Id", StringComparison.Ordinal);

    private static bool ShowsRelationships(Type? type, HashSet<Type>? seen = null)
    {
        if (type is null || type.IsPrimitive || type == typeof(string) || type.Namespace?.StartsWith("RelIntel", StringComparison.Ordinal) != true &&
            !type.IsGenericType && !type.IsArray)
            return false;
        seen ??= [];
        if (!seen.Add(type)) return false;
        if (type == typeof(RelationshipResponse)) return true;
        if (type.IsArray) return ShowsRelationships(type.GetElementType(), seen);
        if (type.IsGenericType && type.GetGenericArguments().Any(a => ShowsRelationships(a, seen))) return true;
        return type.Namespace?.StartsWith("RelIntel", StringComparison.Ordinal) == true &&
               type.GetProperties().Any(p => ShowsRelationships(p.PropertyType, seen));
    }

    private static bool Mentions(Type type, Type generic) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == generic || type.GetGenericArguments().Any(a => Mentions(a, generic)));

    [GeneratedRegex(@"\{(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
