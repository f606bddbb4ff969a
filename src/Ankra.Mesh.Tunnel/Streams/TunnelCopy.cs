using System.Buffers;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>The two copy loops between a tunnel stream and an HTTP stream, with one pooled buffer each.</summary>
internal static class TunnelCopy
{
    /// <summary>Sends everything <paramref name="source"/> yields as Data frames, then End.</summary>
    public static async Task ToTunnelAsync(Stream source, TunnelStream stream, int chunkSize, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, chunkSize), cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await stream.EndAsync(cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the peer's Data to <paramref name="target"/> until its End; flushes each chunk when asked (pipes).</summary>
    public static async Task FromTunnelAsync(TunnelStream stream, Stream target, int chunkSize, bool flushEach, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, chunkSize), cancellationToken)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (flushEach)
                {
                    await target.FlushAsync(cancellationToken);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
