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
        });
        return app;
    }
}
