using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Tunnel.Framing;

/// <summary>What a frame counts against the receiver's window.</summary>
internal static class FrameCost
{
    /// <summary>
    /// Charged per Data frame on top of its payload: the receiver holds an object per frame, so many tiny
    /// frames (exec keystrokes) must not escape the memory bound that the window promises.
    /// </summary>
    public const int DataOverhead = 64;

    public static int Of(int payloadLength) => payloadLength + DataOverhead;

    public static int Of(TunnelFrame frame) => frame.KindCase == TunnelFrame.KindOneofCase.Data ? Of(frame.Data.Payload.Length) : 0;
}
