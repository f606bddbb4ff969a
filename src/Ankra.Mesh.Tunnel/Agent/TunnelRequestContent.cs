using System.Net;
using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>The request body the agent sends to the API server, read from the stream's Data frames as they arrive.</summary>
internal sealed class TunnelRequestContent : HttpContent
{
    private readonly TunnelStream _stream;
    private readonly int _chunkSize;

    public TunnelRequestContent(TunnelStream stream, int chunkSize)
    {
        _stream = stream;
        _chunkSize = chunkSize;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        TunnelCopy.FromTunnelAsync(_stream, stream, _chunkSize, flushEach: false, cancellationToken);

    // Content-Length, when the client sent one, is copied from the head; otherwise the body goes chunked.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
