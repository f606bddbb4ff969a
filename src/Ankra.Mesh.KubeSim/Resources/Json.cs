using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>Small helpers over <see cref="JsonNode"/>: stored objects are plain JSON trees, as on the wire.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? Str(JsonNode? node, string path)
    {
        var found = At(node, path);
        return found is JsonValue value && value.TryGetValue<string>(out var text) ? text : found?.ToJsonString();
    }

    public static long Long(JsonNode? node, string path, long fallback = 0)
    {
        var found = At(node, path);
        if (found is JsonValue value)
        {
            if (value.TryGetValue<long>(out var number))
            {
                return number;
            }

            if (value.TryGetValue<int>(out var small))
            {
                return small;
            }

            if (value.TryGetValue<string>(out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        return fallback;
    }

    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static JsonArray Array(JsonNode? node, string path) => At(node, path) as JsonArray ?? [];

    public static JsonObject Object(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                map[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
            }
        }

        return map;
    }

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new Api.ApiException(400, "BadRequest", "the request body must be a JSON object");
        }
        catch (JsonException error)
        {
            throw new Api.ApiException(400, "BadRequest", $"the request body is not valid JSON: {error.Message}");
        }
    }

    /// <summary>
    /// Materializes every lazily parsed node, so the tree can be read from many threads at once
    /// (a parsed <see cref="JsonObject"/> builds its dictionary on first access, which is not thread-safe).
    /// </summary>
    public static JsonObject Freeze(JsonObject obj)
    {
        Touch(obj);
        return obj;
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Touch(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Touch(child);
                }

                break;
        }
    }
}
