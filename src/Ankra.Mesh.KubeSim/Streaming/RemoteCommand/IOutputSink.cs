namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>Where a built-in command's stdout or stderr goes (a SPDY stream, a WebSocket channel, or nowhere).</summary>
internal interface IOutputSink
{
    /// <summary>Writes bytes; waits while the transport applies backpressure.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
