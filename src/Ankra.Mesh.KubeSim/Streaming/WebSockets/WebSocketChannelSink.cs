using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.WebSockets;

/// <summary>stdout or stderr of a command, written as messages on one WebSocket channel.</summary>
internal sealed class WebSocketChannelSink(WebSocketChannelSender sender, byte channel) : IOutputSink
{
    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        data.IsEmpty ? ValueTask.CompletedTask : sender.SendAsync(channel, data, cancellationToken);
}
