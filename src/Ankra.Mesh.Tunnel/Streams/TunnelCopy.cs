using System.Buffers;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>The two copy loops between a tunnel stream and an HTTP stream, with one pooled buffer each.</summary>
internal static class TunnelCopy
{
    /// <summary>
    /// Sends everything <paramref name="source"/> yields as Data frames, coalesced while bytes are already
    /// there and sent at once when the source would wait; the last frame carries the end of the stream.
    /// </summary>
    public static async Task ToTunnelAsync(Stream source, TunnelStream stream, int chunkSize, CancellationToken cancellationToken = default)
    {
        using var reader = new CoalescingReader(source, chunkSize, cancellationToken);
        await PumpAsync(reader, stream, cancellationToken);
    }

    /// <summary>Sends what <paramref name="reader"/> yields until its end (the reader may have been read from already).</summary>
    public static async Task PumpAsync(CoalescingReader reader, TunnelStream stream, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var batch = await reader.ReadAsync();
            await stream.WriteAsync(batch.Bytes, batch.End, cancellationToken);
            if (batch.End)
            {
                return;
            }
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
