using System.Net;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// An <see cref="HttpContent"/> whose body is one stream, read as it arrives and never buffered or counted
/// here (a length, when known, is in the Content-Length header the agent sent).
/// </summary>
internal abstract class StreamedBodyContent(Stream body) : HttpContent
{
    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        body.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }

        base.Dispose(disposing);
    }
}
