using System.Text;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// Reads the protobuf bodies newer kubectl sends for the review kinds (<c>auth can-i</c> and <c>auth whoami</c>
/// POST <c>application/vnd.kubernetes.protobuf</c>): the <c>k8s\0</c> envelope (<c>runtime.Unknown</c>) and the
/// few fields of the review specs, turned into the JSON the handlers read. Answers are JSON, which the client accepts.
/// </summary>
internal static class ProtobufReviewReader
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static bool IsProtobuf(string? contentType) =>
        contentType?.StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal) == true;

    public static JsonObject Read(ReadOnlySpan<byte> body, string kind)
    {
        if (!body.StartsWith(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the k8s envelope");
        }

        var envelope = Fields(body[Magic.Length..].ToArray());
        var raw = envelope.TryGetValue(2, out var r) ? r[0] : [];
        var review = Fields(raw);
        var result = new JsonObject();
        if (!review.TryGetValue(2, out var specBytes))
        {
            return result;
        }

        var spec = Fields(specBytes[0]);
        var specJson = new JsonObject();
        if (kind == "SelfSubjectAccessReview" && spec.TryGetValue(1, out var resource))
        {
            var f = Fields(resource[0]);
            specJson["resourceAttributes"] = new JsonObject
            {
                ["namespace"] = Text(f, 1),
                ["verb"] = Text(f, 2),
                ["group"] = Text(f, 3),
                ["version"] = Text(f, 4),
                ["resource"] = Text(f, 5),
                ["subresource"] = Text(f, 6),
                ["name"] = Text(f, 7),
            };
        }
        else if (spec.TryGetValue(1, out var ns))
        {
            specJson["namespace"] = Encoding.UTF8.GetString(ns[0]);
        }

        if (spec.TryGetValue(2, out var nonResource))
        {
            var f = Fields(nonResource[0]);
            specJson["nonResourceAttributes"] = new JsonObject { ["path"] = Text(f, 1), ["verb"] = Text(f, 2) };
        }

        result["spec"] = specJson;
        return result;
    }

    private static string Text(Dictionary<int, List<byte[]>> fields, int number) =>
        fields.TryGetValue(number, out var values) ? Encoding.UTF8.GetString(values[0]) : "";

    /// <summary>Length-delimited fields by number (other wire types are skipped).</summary>
    private static Dictionary<int, List<byte[]>> Fields(byte[] message)
    {
        var fields = new Dictionary<int, List<byte[]>>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    if (length < 0 || position + length > message.Length)
                    {
                        throw ApiException.BadRequest("the protobuf body is truncated");
                    }

                    if (!fields.TryGetValue(number, out var list))
                    {
                        fields[number] = list = [];
                    }

                    list.Add(message[position..(position + length)]);
                    position += length;
                    break;
                default:
                    throw ApiException.BadRequest("the protobuf body has an unsupported wire type");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= message.Length)
            {
                throw ApiException.BadRequest("the protobuf body is truncated");
            }

            var b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw ApiException.BadRequest("the protobuf body has a malformed varint");
    }
}
