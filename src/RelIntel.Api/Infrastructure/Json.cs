using System.Text.Json;
using System.Text.Json.Serialization;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

public static class Json
{
    public static IServiceCollection AddApiJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new KebabEnumConverterFactory());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}

