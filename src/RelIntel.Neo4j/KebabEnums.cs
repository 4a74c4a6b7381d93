using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelIntel.Neo4j;

/// <summary>
/// Enums travel as kebab-case words (<c>account-executive</c>). Unknown words and numbers are refused with a
/// message that lists the allowed words, which the problem details then show under the field's name.
/// </summary>
public sealed class KebabEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(KebabEnumConverter<>).MakeGenericType(typeToConvert))!;

    public static string Word(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Words(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToList();
}

public sealed class KebabEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly ConcurrentDictionary<T, string> ToWord = new();
    private static readonly Dictionary<string, T> FromWord = Enum.GetValues<T>()
        .ToDictionary(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()), StringComparer.Ordinal);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } word && FromWord.TryGetValue(word, out var value))
            return value;
        throw new JsonException($"Must be one of: {string.Join(", ", FromWord.Keys)}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWord.GetOrAdd(value, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())));

    /// <summary>The Cypher-side word for a value (we store the same words we accept).</summary>
    public static string WordOf(T value) => ToWord.GetOrAdd(value, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));
}

/// <summary>Extension to turn an enum into its stored word.</summary>
public static class EnumWords
{
    public static string Word<T>(this T value) where T : struct, Enum => KebabEnumConverter<T>.WordOf(value);

    public static string? Word<T>(this T? value) where T : struct, Enum => value is { } v ? KebabEnumConverter<T>.WordOf(v) : null;

    public static bool TryParse<T>(string word, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (KebabEnumConverter<T>.WordOf(candidate) != word) continue;
            value = candidate;
            return true;
        }
        value = default;
        return false;
    }

}
