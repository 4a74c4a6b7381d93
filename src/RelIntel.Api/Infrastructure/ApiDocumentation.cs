using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
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

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RelIntel",
                    Version = "v1",
                    Description = "Relationship intelligence for complex B2B selling: customer org charts, buying centers " +
                                  "and who on our side knows whom on theirs, in a Neo4j graph. Scores are ranking " +
                                  "scores explained factor by factor, never probabilities.",
                };
                // Swagger UI's "Authorize" button: paste an API key (the bootstrap admin key, or one from POST /api/api-keys).
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key: Authorization: Bearer <key>. The first admin key is RelIntel:Auth:BootstrapAdminKey.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No, an unknown or a revoked API key (problem details)" });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The API key's role may not do this (problem details)" });
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "The API key's rate is used up; see Retry-After (problem details)" });
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

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "RelIntel v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "RelIntel API";
            // "Authorize" with an API key once; it stays across reloads.
            options.EnablePersistAuthorization();
        });
        return app;
    }
}
