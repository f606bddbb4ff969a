using System.Text.Json;

namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>A terminal size as the resize stream/channel carries it: <c>{"Width":80,"Height":24}</c>.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
internal readonly record struct TerminalSize(ushort Width, ushort Height)
{
    /// <summary>Parses one resize message; null if it is not a size object.</summary>
    public static TerminalSize? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("Width", out var width) && width.TryGetUInt16(out var columns)
                && root.TryGetProperty("Height", out var height) && height.TryGetUInt16(out var rows))
            {
                return new TerminalSize(columns, rows);
            }
        }
        catch (JsonException)
        {
            // A malformed resize message is ignored, as kubelet does after logging it.
        }

        return null;
    }
}
