using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// The body of a tunnelled response, streamed as frames arrive (never buffered). After a 101 its stream
/// is the duplex byte pipe: YARP reads the API server's bytes from it and writes the client's into it.
/// </summary>
internal sealed class TunnelResponseContent(TunnelStream stream, bool duplex)
    : StreamedBodyContent(new TunnelBodyStream(stream, canRead: true, canWrite: duplex))
{
    /// <summary>True while none of the body has arrived: a watch with no events yet, <c>logs -f</c> of a quiet pod.</summary>
    public bool IsAwaitingBody => stream.IsAwaitingBody;
}
