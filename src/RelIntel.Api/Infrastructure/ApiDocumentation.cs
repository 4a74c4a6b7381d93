using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>A request or response type that shows an example in the OpenAPI document and Swagger UI.</summary>
public interface IHasExample<out TSelf>
{
    static abstract TSelf Example { get; }
}

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "Bearer";

    /// <summary>Single sign-on: a JWT from the company's identity provider.</summary>
    public const string SingleSignOnScheme = "SingleSignOn";

    /// <summary>What each tag groups, shown beside it in Swagger UI and generated clients.</summary>
    private static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Health"] = "Liveness and readiness probes for orchestrators; no API key.",
        ["Operations"] = "What the service applied to the graph (admin).",
        ["Organizations"] = "Our own company, customers, partners and competitors, keyed by CRM id.",
        ["People"] = "People on both sides, keyed by CRM id; erasure on request.",
        ["Org chart"] = "The customer's formal reporting lines, informal influence and rapport, one by one or as a bulk import.",
        ["Relationships"] = "Who of ours knows whom of theirs, and the interactions that teach relationships their strength.",
        ["Opportunities"] = "Deals with stage and BANT, their buying center and our pursuit team.",
        ["Insights"] = "The answers: whom to reach, through whom, and who of ours should do it.",
        ["Introductions"] = "Introductions brokered by the charter: one of ours asks a colleague, who accepts with what they share, and the meeting closes the loop.",
        ["Reports"] = "Influence-path reports per opportunity, on request or by schedule.",
        ["Charter"] = "The relationship-management charter, API keys and the audit of relationship reads (admin).",
        ["Demo"] = "The walk-through account, in Development only (admin).",
    };

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RelIntel",
                    Version = "v1",
                    Description = "Relationship intelligence for complex B2B selling: customer org charts, buying centers " +
                                  "and who on our side knows whom on theirs, in a Neo4j graph. Scores are ranking " +
                                  "scores explained factor by factor, never probabilities.",
                    License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                };
                // The server is the address the document was asked at; paths start with '/', so no trailing slash.
                foreach (var server in document.Servers ?? [])
                    server.Url = server.Url?.TrimEnd('/');
                foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                    if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
                FillEmptyEnumComponents(document);
                // Swagger UI's "Authorize" button: paste an API key (the bootstrap admin key, or one from POST /api/api-keys).
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key: Authorization: Bearer <key>. The first admin key is RelIntel:Auth:BootstrapAdminKey.",
                };
                document.Components.SecuritySchemes[SingleSignOnScheme] = SingleSignOnSchemeFor(
                    context.ApplicationServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                DescribeCommonAnswers(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
                if (type.IsEnum && context.JsonPropertyInfo is null)
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Enum = KebabEnumConverterFactory.Words(type).Select(w => (System.Text.Json.Nodes.JsonNode)w).ToList();
                }
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(RestoreEnumReferencesAsync);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                var exampleInterface = type.GetInterfaces().FirstOrDefault(i =>
                    i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHasExample<>));
                if (exampleInterface is not null && context.JsonPropertyInfo is null)
                {
                    var example = type.GetProperty(nameof(IHasExample<object>.Example))?.GetValue(null);
                    var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                    schema.Examples = [JsonSerializer.SerializeToNode(example, type, json)!];
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>Marks a bulk endpoint that reads an <c>Idempotency-Key</c> header, so the document lists it.</summary>
    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(IdempotencyKeyMetadata.Instance);

    private sealed class IdempotencyKeyMetadata
    {
        public static readonly IdempotencyKeyMetadata Instance = new();
    }

    /// <summary>
    /// Marks an operation whose 200 answer may also be a document of <paramref name="mediaType"/> (chosen by the
    /// <c>Accept</c> header), so the document lists it beside the JSON: a picture, say.
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswers(this RouteHandlerBuilder endpoint, string mediaType, string description) =>
        endpoint.WithMetadata(new AlternativeContent(mediaType, description));

    private sealed record AlternativeContent(string MediaType, string Description);

    /// <summary>
    /// The answers that come from the pipeline rather than the handler: authentication, the role policies, the rate
    /// limit, Neo4j being away, and bodies or parameters that cannot be read. Open endpoints (<c>/health</c>) say so
    /// with an empty security list.
    /// </summary>
    private static void DescribeCommonAnswers(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Responses ??= new OpenApiResponses();
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.Contains(IdempotencyKeyMetadata.Instance))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header,
                In = ParameterLocation.Header,
                Description = $"Makes a retry safe: the same key and body within {Idempotency.RetentionHours} hours returns " +
                              "the first answer without writing again; the same key with another body is a 422.",
                // 1–128 characters, as Idempotency.ClaimFor checks.
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 128 },
            });
        }

        foreach (var alternative in metadata.OfType<AlternativeContent>())
        {
            if (operation.Responses.TryGetValue("200", out var found) && found is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                ok.Content[alternative.MediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = alternative.Description },
                };
            }
        }

        var hasBody = operation.RequestBody is not null;
        if (hasBody || operation.Parameters?.Any(p => p.In is ParameterLocation.Query or ParameterLocation.Header) == true)
            operation.Responses.TryAdd("400", Problem(context, "A body or parameter that cannot be read (validation problem details)",
                "HttpValidationProblemDetails"));
        if (hasBody)
        {
            operation.Responses.TryAdd("413", Problem(context, $"The body is larger than {Problems.MaxRequestBodyBytes / (1024 * 1024)} MiB (problem details)"));
            operation.Responses.TryAdd("415", Problem(context, "The body's content type is not one this operation reads (problem details)"));
        }

        if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            // Probes call without a key.
            operation.Security = [];
            return;
        }
        operation.Security ??= [];
        // Either scheme: two requirements, each enough on its own.
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SingleSignOnScheme, context.Document)] = [] });
        operation.Responses.TryAdd("401", Problem(context, "No, an unknown or a revoked API key, or an invalid token (problem details)"));
        // Every role passes the reader policy, so only a stricter policy can refuse a valid key; handlers that refuse
        // some callers themselves (a seller writing another's relationship) declare their 403.
        var stricter = metadata.OfType<IAuthorizeData>().Any(a => a.Policy is Policies.CrmWriter or Policies.Admin);
        if (stricter) operation.Responses.TryAdd("403", Problem(context, "The caller's role may not do this (problem details)"));
        operation.Responses.TryAdd("429", Problem(context, "The API key's rate is used up; see Retry-After (problem details)"));
        operation.Responses.TryAdd("503", Problem(context, "Neo4j is unavailable or busy; try again after Retry-After (problem details)"));
    }

    /// <summary>
    /// With an authority, Swagger UI signs in at the identity provider (OpenID Connect); otherwise a token is pasted like a key.
    /// </summary>
    private static OpenApiSecurityScheme SingleSignOnSchemeFor(SingleSignOnOptions sso) =>
        string.IsNullOrWhiteSpace(sso.Authority)
            ? new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Single sign-on: a JWT from the company's identity provider (RelIntel:Auth:Jwt), as Authorization: " +
                              "Bearer <token>. Its role and the person it acts as come from the configured claims.",
            }
            : new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OpenIdConnect,
                OpenIdConnectUrl = new Uri(sso.Authority.TrimEnd('/') + "/.well-known/openid-configuration"),
                Description = "Single sign-on at the company's identity provider. The token's role and the person it acts as " +
                              "come from the configured claims.",
            };

    private static OpenApiResponse Problem(OpenApiOperationTransformerContext context, string description, string schema = "ProblemDetails") => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, context.Document) },
        },
    };

    /// <summary>
    /// Our enums have a converter of their own, so the schema generator cannot see through them where they sit in a list
    /// (<c>roles</c>) or in a property with a default (<c>seniority = null</c>) and leaves an empty schema. Such properties
    /// get a fresh schema pointing at the enum's component (a fresh one: the generator would otherwise file the property's
    /// own schema as that component, which would then point at itself).
    /// </summary>
    private static async Task RestoreEnumReferencesAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context,
        CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is not null || context.JsonTypeInfo.Kind != System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object ||
            schema.Properties is null) return;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var current) || current is not OpenApiSchema generated) continue;
            var type = property.PropertyType;
            var nullable = Nullable.GetUnderlyingType(type);
            if ((nullable ?? type).IsEnum && generated.Type is null && generated.OneOf is null && generated.AnyOf is null && generated.AllOf is null)
            {
                // The schema the generator makes for the enum type itself, which it then files as the component and refers to.
                var component = await context.GetOrCreateSchemaAsync(nullable ?? type, cancellationToken: cancellationToken);
                schema.Properties[property.Name] = nullable is null
                    ? component
                    : new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, component] };
            }
            else if (EnumElement(type) is { } element && generated.Items is null && generated.Type?.HasFlag(JsonSchemaType.Array) == true)
            {
                schema.Properties[property.Name] = new OpenApiSchema
                {
                    Type = generated.Type,
                    Items = await context.GetOrCreateSchemaAsync(element, cancellationToken: cancellationToken),
                };
            }
        }
    }

    /// <summary>Our enums by their schema name (the type's name), where that name is unique.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> EnumsByName = new(() =>
        new[] { typeof(ApiDocumentation).Assembly, typeof(KebabEnumConverterFactory).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsEnum && type.IsPublic)
            .GroupBy(type => type.Name)
            .Where(group => group.Count() == 1)
            .ToDictionary(group => group.Key, group => group.Single()));

    /// <summary>
    /// An enum reached only through properties (e.g. <c>Bant.status</c>) is filed as a component before any transformer
    /// sees the enum itself, so it stays empty: give it its words.
    /// </summary>
    private static void FillEmptyEnumComponents(OpenApiDocument document)
    {
        foreach (var (name, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is OpenApiSchema { Type: null, Enum: null or { Count: 0 }, OneOf: null, AnyOf: null, AllOf: null, Properties: null or { Count: 0 } } empty &&
                EnumsByName.Value.TryGetValue(name, out var type))
            {
                empty.Type = JsonSchemaType.String;
                empty.Enum = KebabEnumConverterFactory.Words(type).Select(w => (System.Text.Json.Nodes.JsonNode)w).ToList();
            }
        }
    }

    private static Type? EnumElement(Type type)
    {
        var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is { IsEnum: true } ? element : null;
    }

    /// <summary>What <c>GET /</c> answers: where the documentation is.</summary>
    public sealed record ServiceIndex(string Service, string Documentation, string OpenApi, string Readiness);

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        // Whoever opens the service's address, person or tool, finds its documentation from there; no key needed. Not an
        // endpoint of the API (the document it points to does not list itself pointing).
        var index = new ServiceIndex("RelIntel", "/swagger", "/openapi/v1.json", "/health/ready");
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/" && HttpMethods.IsGet(context.Request.Method)) await context.Response.WriteAsJsonAsync(index);
            else await next(context);
        });
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "RelIntel v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "RelIntel API";
            // "Authorize" with an API key once; it stays across reloads.
            options.EnablePersistAuthorization();
            // Signing on at the identity provider, where one is configured: authorization code with PKCE, no secret in the page.
            var sso = app.Services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(sso.Authority) && !string.IsNullOrWhiteSpace(sso.SwaggerClientId))
            {
                options.OAuthClientId(sso.SwaggerClientId);
                options.OAuthUsePkce();
                options.OAuthScopes("openid");
            }
        });
        return app;
    }
}
