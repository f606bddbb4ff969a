using System.Text.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Cli.Api;
using YamlDotNet.Serialization;

namespace Ankra.Mesh.Cli.Output;

/// <summary>Prints data as JSON or YAML with the user API's field names (<c>-o json|yaml</c>).</summary>
internal static class DataWriter
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> in <paramref name="format"/>; false when the format is "table".</summary>
    public static bool TryWrite(TextWriter output, string format, object value)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Indented));
                return true;
            case "yaml":
                var node = JsonSerializer.SerializeToNode(value, value.GetType(), ApiJson.Options);
                output.Write(new SerializerBuilder().Build().Serialize(ToPlain(node)));
                return true;
            default:
                return false;
        }
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value)),
        JsonArray list => list.Select(ToPlain).ToList(),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) => real,
        _ => node.ToString(),
    };
}
