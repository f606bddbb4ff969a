using System.Buffers;

namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>Copy loops shared by <c>cat</c>, the attach console and the echo port.</summary>
internal static class OutputSinkExtensions
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="sink"/> until it ends, through one pooled buffer.</summary>
    public static async Task CopyFromAsync(this IOutputSink sink, Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(input);
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
