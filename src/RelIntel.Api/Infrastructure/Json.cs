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
        // The web defaults read "5" as the number 5; a number, boolean or enum is accepted only as its own JSON type, so a
        // CRM that sends text where a number belongs hears about it instead of having it guessed.
        options.NumberHandling = JsonNumberHandling.Strict;
    }
}

