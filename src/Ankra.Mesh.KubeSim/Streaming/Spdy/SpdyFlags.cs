namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>Flag bits of SPDY/3 frames.</summary>
internal static class SpdyFlags
{
    /// <summary>FLAG_FIN: the sender will send nothing more on this stream (half-close).</summary>
    public const byte Fin = 0x01;

    /// <summary>FLAG_UNIDIRECTIONAL on SYN_STREAM: the receiver must not send on the stream.</summary>
    public const byte Unidirectional = 0x02;
}
