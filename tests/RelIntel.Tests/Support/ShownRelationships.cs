using System.Text.Json.Nodes;

namespace RelIntel.Tests;

/// <summary>What an answer shows of relationships, read as a client would.</summary>
public static class ShownRelationships
{
    /// <summary>
    /// Every object in the answer with <c>ourPerson.id</c> and <c>theirPerson.id</c>, and every path hop of type
    /// <c>knows</c> (its <c>from</c> and <c>to</c>), as <c>our|their</c>. Introduction hops name a hidden relationship's
    /// owner and person only, which the charter allows; an engagement-plan entry (it has <c>via</c>) pairs people to meet.
    /// </summary>
    public static IEnumerable<string> In(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["ourPerson"]?["id"] is { } ours && obj["theirPerson"]?["id"] is { } theirs && !obj.ContainsKey("via"))
                    yield return $"{ours.GetValue<string>()}|{theirs.GetValue<string>()}";
                if (obj["type"]?.GetValue<string>() == "knows" && obj["from"]?["id"] is { } from && obj["to"]?["id"] is { } to)
                    yield return $"{from.GetValue<string>()}|{to.GetValue<string>()}";
                foreach (var (_, child) in obj)
                    foreach (var key in In(child)) yield return key;
                break;
            case JsonArray array:
                foreach (var child in array)
                    foreach (var key in In(child)) yield return key;
                break;
        }
    }
}
