using System.Text;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// Turns a Kubernetes protobuf body (<c>k8s\0</c> + <c>runtime.Unknown</c>{typeMeta, raw}) into the JSON object
/// the handlers work on, using <see cref="ProtobufSchemas"/>. kubectl ≥ 1.32 sends typed-client writes this way.
/// </summary>
internal static class ProtobufReader
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static bool IsProtobuf(string? contentType) =>
        contentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal) == true;

    public static JsonObject Read(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the k8s envelope");
        }

        var envelope = Fields(body, Magic.Length, body.Length);
        var typeMeta = envelope.FirstOrDefault(f => f.Number == 1);
        var raw = envelope.FirstOrDefault(f => f.Number == 2);
        var meta = typeMeta.Length > 0 ? Fields(body, typeMeta.Start, typeMeta.Start + typeMeta.Length) : [];
        var apiVersion = Text(body, meta.FirstOrDefault(f => f.Number == 1));
        var kind = Text(body, meta.FirstOrDefault(f => f.Number == 2));
        if (!ProtobufSchemas.Messages.ContainsKey(kind))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"KubeSim cannot decode {kind} from protobuf; send application/json");
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        Decode(body, raw.Start, raw.Start + raw.Length, kind, obj);
        return obj;
    }

    private static void Decode(byte[] buffer, int start, int end, string message, JsonObject target)
    {
        var schema = ProtobufSchemas.Messages[message];
        foreach (var field in Fields(buffer, start, end))
        {
            if (!schema.TryGetValue(field.Number, out var spec))
            {
                continue;
            }

            var repeated = spec.Type.StartsWith("[]", StringComparison.Ordinal);
            var type = repeated ? spec.Type[2..] : spec.Type;
            if (type == "s" && !repeated && field.Length == 0)
            {
                // Go's generated marshalers write empty strings; JSON would have omitted them (and defaulting needs them absent).
                continue;
            }

            JsonNode? value = type switch
            {
                "s" => Text(buffer, field),
                "i" => (long)field.Varint,
                "b" => field.Varint != 0,
                "y" => Convert.ToBase64String(buffer, field.Start, field.Length),
                "ms" or "my" => null,
                "ios" => IntOrString(buffer, field),
                _ => Message(buffer, field, type[2..]),
            };
            if (type is "ms" or "my")
            {
                var map = target[spec.Name] as JsonObject ?? new JsonObject();
                var entry = Fields(buffer, field.Start, field.Start + field.Length);
                var key = Text(buffer, entry.FirstOrDefault(f => f.Number == 1));
                var item = entry.FirstOrDefault(f => f.Number == 2);
                map[key] = type == "ms" ? Text(buffer, item) : Convert.ToBase64String(buffer, item.Start, item.Length);
                target[spec.Name] = map;
            }
            else if (repeated)
            {
                var list = target[spec.Name] as JsonArray ?? new JsonArray();
                list.Add(value);
                target[spec.Name] = list;
            }
            else
            {
                target[spec.Name] = value;
            }
        }
    }

    private static JsonObject Message(byte[] buffer, Field field, string message)
    {
        var obj = new JsonObject();
        Decode(buffer, field.Start, field.Start + field.Length, message, obj);
        return obj;
    }

    private static JsonNode? IntOrString(byte[] buffer, Field field)
    {
        var parts = Fields(buffer, field.Start, field.Start + field.Length);
        var isString = parts.FirstOrDefault(f => f.Number == 1).Varint == 1;
        return isString ? Text(buffer, parts.FirstOrDefault(f => f.Number == 3)) : (long)parts.FirstOrDefault(f => f.Number == 2).Varint;
    }

    private static string Text(byte[] buffer, Field field) => field.Length == 0 ? "" : Encoding.UTF8.GetString(buffer, field.Start, field.Length);

    private static List<Field> Fields(byte[] buffer, int position, int end)
    {
        var fields = new List<Field>();
        while (position < end)
        {
            var tag = Varint(buffer, ref position, end);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    fields.Add(new Field(number, 0, 0, Varint(buffer, ref position, end)));
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)Varint(buffer, ref position, end);
                    if (length < 0 || position + length > end)
                    {
                        throw ApiException.BadRequest("the protobuf body is truncated");
                    }

                    fields.Add(new Field(number, position, length, 0));
                    position += length;
                    break;
                default:
                    throw ApiException.BadRequest("the protobuf body has an unsupported wire type");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] buffer, ref int position, int end)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64 && position < end; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw ApiException.BadRequest("the protobuf body has a malformed varint");
    }

    private readonly record struct Field(int Number, int Start, int Length, ulong Varint);
}
