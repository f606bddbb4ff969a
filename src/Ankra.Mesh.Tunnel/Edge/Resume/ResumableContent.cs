namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>The body of a resumable response (a watch, <c>logs -f</c>): the first response's headers and a <see cref="ResumableLineStream"/>.</summary>
internal sealed class ResumableContent : StreamedBodyContent
{
    private readonly TunnelResponseContent _first;

    public ResumableContent(TunnelResponseContent first, ResumableLineStream body)
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
