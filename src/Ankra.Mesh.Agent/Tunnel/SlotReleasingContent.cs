using System.Net;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Wraps a response's content so a concurrency slot is returned exactly once, when the response is disposed.
/// The inner stream is handed out as it is, so an upgraded (duplex) stream stays duplex.
/// </summary>
internal sealed class SlotReleasingContent : HttpContent
{
    private readonly HttpContent _inner;
    private Action? _release;

    public SlotReleasingContent(HttpContent inner, Action release)
    {
        _inner = inner;
        _release = release;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _inner.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => _inner.ReadAsStreamAsync();

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => _inner.ReadAsStreamAsync(cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _release, null)?.Invoke();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
