using System.Text.Json;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// Reads what resuming needs from one line of a JSON watch stream (<c>{"type":…,"object":{…}}</c>): the
/// resourceVersion of the object (ADDED, MODIFIED, DELETED and BOOKMARK all carry one); null for ERROR
/// events and for anything that is not such a line.
/// </summary>
internal static class WatchEventLine
{
    public static string? ResourceVersion(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            string? type = null;
            string? version = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8) && reader.Read())
                {
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("object"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    version = ObjectResourceVersion(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.TrySkip();
                }
            }

            return type is "ERROR" ? null : version;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Positioned on the object's StartObject: finds metadata.resourceVersion and leaves the reader at its EndObject.
    private static string? ObjectResourceVersion(ref Utf8JsonReader reader)
    {
        string? version = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    continue;
                }

                var metadataDepth = reader.CurrentDepth;
                while (reader.Read() && reader.CurrentDepth > metadataDepth)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == metadataDepth + 1 && reader.ValueTextEquals("resourceVersion"u8))
                    {
                        reader.Read();
                        version = reader.TokenType == JsonTokenType.String ? reader.GetString() : version;
                    }
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        reader.TrySkip();
                    }
                }
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.TrySkip();
            }
        }

        return version;
    }
}
