namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>What a proxy in front of the tunnel may ask about a response the tunnel returned.</summary>
public static class TunnelResponse
{
    /// <summary>
    /// True when <paramref name="response"/> came through the tunnel and none of its body has arrived yet.
    /// A proxy should then send the response head to its client at once: a watch that matches nothing, or
    /// <c>logs -f</c> of a quiet pod, may not send a body byte for minutes, and kubectl waits for the head.
    /// </summary>
    public static bool IsAwaitingBody(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Content switch
        {
            TunnelResponseContent content => content.IsAwaitingBody,
            Resume.ResumableContent resumable => resumable.IsAwaitingBody,
            _ => false,
        };
    }
}
