using System.Buffers;
using System.Net.WebSockets;

namespace Ankra.Mesh.KubeSim.Streaming.WebSockets;

/// <summary>
/// Sends channel-prefixed binary messages (<c>[channel][data]</c>, the <c>channel.k8s.io</c> framing)
/// one at a time: a WebSocket allows a single outstanding send.
/// </summary>
internal sealed class WebSocketChannelSender(WebSocket socket) : IDisposable
{
    private const int MaxMessagePayload = 32 * 1024;

    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Sends <paramref name="data"/> on <paramref name="channel"/>, split into messages of at most 32 KiB.</summary>
    public async ValueTask SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 + Math.Min(data.Length, MaxMessagePayload));
        try
        {
            do
            {
                var chunk = data[..Math.Min(data.Length, MaxMessagePayload)];
                data = data[chunk.Length..];
                buffer[0] = channel;
                chunk.CopyTo(buffer.AsMemory(1));
                await _lock.WaitAsync(cancellationToken);
                try
                {
                    await socket.SendAsync(buffer.AsMemory(0, 1 + chunk.Length), WebSocketMessageType.Binary, true, cancellationToken);
                }
                finally
                {
                    _lock.Release();
                }
            }
            while (!data.IsEmpty);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Sends a normal close (1000), which client-go turns into end-of-stream on every channel.</summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
