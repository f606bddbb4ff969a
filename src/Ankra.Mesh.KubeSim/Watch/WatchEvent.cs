using System.Text;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Watch;

/// <summary>
/// One change of one object. The object is never mutated after the event is made, so the JSON frame
/// is serialized once and shared by every watcher that receives it.
/// </summary>
internal sealed class WatchEvent(string type, JsonObject obj, long resourceVersion, JsonObject? previous = null)
{
    private byte[]? _frame;

    public string Type { get; } = type;

    public JsonObject Object { get; } = obj;

    /// <summary>The object before a modification, so a selector watcher can turn it into ADDED/DELETED.</summary>
    public JsonObject? Previous { get; } = previous;

    public long ResourceVersion { get; } = resourceVersion;

    /// <summary>The newline-terminated <c>{"type":…,"object":…}</c> frame of the plain JSON stream.</summary>
    public byte[] Frame => _frame ??= Encoding.UTF8.GetBytes($"{{\"type\":\"{Type}\",\"object\":{Object.ToJsonString()}}}\n");

    public WatchEvent As(string type) => type == Type ? this : new WatchEvent(type, Object, ResourceVersion);
}
