using System.Net;
using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// The body of a tunnelled response, streamed as frames arrive (never buffered). After a 101 its stream
/// is the duplex byte pipe: YARP reads the API server's bytes from it and writes the client's into it.
/// </summary>
internal sealed class TunnelResponseContent : HttpContent
{
    private readonly TunnelStream _stream;
    private readonly TunnelBodyStream _body;

    public TunnelResponseContent(TunnelStream stream, bool duplex)
    {
        _stream = stream;
        _body = new TunnelBodyStream(stream, canRead: true, canWrite: duplex);
    }

    /// <summary>True while none of the body has arrived: a watch with no events yet, <c>logs -f</c> of a quiet pod.</summary>
    public bool IsAwaitingBody => _stream.IsAwaitingBody;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(_body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(stream, cancellationToken);

    // The length, when known, is in the Content-Length header the agent sent; the body is never counted here.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
