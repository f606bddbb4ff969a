using System.Net;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>The body of a resumable watch: the first response's headers, and a <see cref="ResumableWatchStream"/>.</summary>
internal sealed class ResumableWatchContent : HttpContent
{
    private readonly TunnelResponseContent _first;
    private readonly ResumableWatchStream _body;

    public ResumableWatchContent(TunnelResponseContent first, ResumableWatchStream body)
    {
        _first = first;
        _body = body;
        foreach (var header in first.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>True while none of the body has arrived (the head must still be sent at once).</summary>
    public bool IsAwaitingBody => _first.IsAwaitingBody;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(_body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(_body);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(stream, cancellationToken);

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
