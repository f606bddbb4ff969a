namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>The connection upgrade a streaming request asks for.</summary>
internal enum UpgradeKind
{
    /// <summary>No (known) upgrade: the request cannot be served.</summary>
    None,

    /// <summary><c>Upgrade: websocket</c> (kubectl 1.30+ exec/attach, 1.31+ port-forward).</summary>
    WebSocket,

    /// <summary><c>Upgrade: SPDY/3.1</c> (kubectl 1.27–1.29, and the fallback of later versions).</summary>
    Spdy,
}
