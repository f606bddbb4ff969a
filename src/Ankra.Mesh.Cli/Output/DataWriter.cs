using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ankra.Mesh.Kubeconfig;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Cli.Output;

/// <summary>
/// Prints data as JSON or YAML with the user API's field names (<c>-o json|yaml</c>). The YAML is the
/// JSON document's tree re-expressed as YAML nodes, so both formats always carry the same fields.
/// </summary>
internal static class DataWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Writes <paramref name="value"/> in <paramref name="format"/>; false when the format is "table".</summary>
    public static bool TryWrite<T>(TextWriter output, string format, T value, JsonTypeInfo<T> typeInfo)
    {
        switch (format)
        {
            case "json":
                using (var buffer = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(buffer, Indented))
                    {
                        JsonSerializer.Serialize(json, value, typeInfo);
                    }

                    output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                }

                return true;
            case "yaml":
                output.Write(YamlText.Serialize(ToYaml(JsonSerializer.SerializeToNode(value, typeInfo))));
                return true;
            default:
                return false;
        }
    }

    // Empty collections are written in flow style ([] and {}), and null as an empty scalar, as YamlDotNet's
    // object serializer (which earlier versions used) writes them.
    private static YamlNode ToYaml(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                var mapping = new YamlMappingNode();
                foreach (var (key, child) in map)
                {
                    mapping.Add(new YamlScalarNode(key), ToYaml(child));
                }

                mapping.Style = map.Count == 0 ? MappingStyle.Flow : MappingStyle.Any;
                return mapping;
            case JsonArray list:
                var sequence = new YamlSequenceNode(list.Select(ToYaml));
                sequence.Style = list.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Any;
                return sequence;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                // A JSON string stays a string when read back ("123", "true", a date), as kubectl's -o yaml keeps it.
                return YamlText.String(value.GetValue<string>());
            case JsonValue value:
                return new YamlScalarNode(value.GetValueKind() switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole.ToString(CultureInfo.InvariantCulture),
                    JsonValueKind.Number => value.GetValue<double>().ToString(CultureInfo.InvariantCulture),
                    _ => null,
                });
            default:
                return new YamlScalarNode(null);
        }
    }
}
