namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>SPDY/3 control frame types (the <c>type</c> field of a control frame header).</summary>
internal enum SpdyFrameType : ushort
{
    /// <summary>Not a control frame: a DATA frame.</summary>
    Data = 0,

    /// <summary>Opens a stream (sent by kubectl for every stream).</summary>
    SynStream = 1,

    /// <summary>Accepts a stream (sent by us for every stream kubectl opens).</summary>
    SynReply = 2,

    /// <summary>Aborts one stream.</summary>
    RstStream = 3,

    /// <summary>Connection settings; ignored here.</summary>
    Settings = 4,

    /// <summary>Keep-alive; echoed when the peer started it.</summary>
    Ping = 6,

    /// <summary>The peer stops the connection.</summary>
    GoAway = 7,

    /// <summary>More headers for a stream; ignored here.</summary>
    Headers = 8,

    /// <summary>Flow-control credit; moby/spdystream neither sends nor honours it, so it is ignored.</summary>
    WindowUpdate = 9,
}
