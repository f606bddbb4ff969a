using System.IO.Pipelines;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>One pipeline stage's stdout: writes into the <see cref="Pipe"/> the next stage reads, waiting while it is full.</summary>
internal sealed class PipeSink(PipeWriter writer) : IOutputSink
{
    /// <summary>True once a write found the reading stage gone (a shell's SIGPIPE).</summary>
    public bool IsBroken { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var result = await writer.WriteAsync(data, cancellationToken);
        if (result.IsCompleted)
        {
            IsBroken = true;
            throw new IOException("Broken pipe");
        }
    }
}
