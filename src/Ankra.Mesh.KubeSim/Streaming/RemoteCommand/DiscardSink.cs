namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>The sink for an output the client did not ask for (e.g. <c>stderr=false</c>).</summary>
internal sealed class DiscardSink : IOutputSink
{
    /// <summary>The one instance.</summary>
    public static readonly DiscardSink Instance = new();

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
