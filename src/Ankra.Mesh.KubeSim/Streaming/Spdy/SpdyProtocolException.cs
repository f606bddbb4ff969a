namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>The peer sent something that is not valid SPDY/3; the connection is closed with GOAWAY.</summary>
internal sealed class SpdyProtocolException(string message) : Exception(message);
