using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.PortForward;

/// <summary>Sends every byte back as it arrives (RFC 862 style), until the client half-closes.</summary>
internal sealed class EchoPortService : IPodPortService
{
    /// <summary>The one instance (stateless).</summary>
    public static readonly EchoPortService Instance = new();

    /// <inheritdoc />
    public async Task ServeAsync(Stream input, IOutputSink output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await output.CopyFromAsync(input, cancellationToken);
    }
}
