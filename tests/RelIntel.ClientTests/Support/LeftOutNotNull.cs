using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelIntel.Client;

/// <summary>
/// The generated client leaves unset (null) properties out of every body instead of sending <c>null</c>. For a PATCH
/// (JSON Merge Patch) that is the difference between "keep" and "clear": a PATCH of one field changes that field only.
/// For a PUT (a full replacement) and for bulk records, a field left out and a null mean the same, except that a bulk
/// record's field left out keeps what is stored. To clear a field through a PATCH, send the null explicitly:
/// <c>body.AdditionalProperties["closeDate"] = null!</c>. Kept here, beside the generated file, so regenerating keeps it.
/// </summary>
public partial class RelIntelClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
}
