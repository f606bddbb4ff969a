namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>The body of a resumable watch: the first response's headers, and a <see cref="ResumableWatchStream"/>.</summary>
internal sealed class ResumableWatchContent : StreamedBodyContent
{
    private readonly TunnelResponseContent _first;

    public ResumableWatchContent(TunnelResponseContent first, ResumableWatchStream body)
        : base(body)
    {
        _first = first;
        foreach (var header in first.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>True while none of the body has arrived (the head must still be sent at once).</summary>
    public bool IsAwaitingBody => _first.IsAwaitingBody;
}
