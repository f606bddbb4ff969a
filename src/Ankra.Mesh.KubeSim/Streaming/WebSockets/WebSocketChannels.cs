namespace Ankra.Mesh.KubeSim.Streaming.WebSockets;

/// <summary>Channel numbers of the <c>channel.k8s.io</c> WebSocket protocols (the first byte of each message).</summary>
internal static class WebSocketChannels
{
    /// <summary>Client to server: stdin.</summary>
    public const byte Stdin = 0;

    /// <summary>Server to client: stdout.</summary>
    public const byte Stdout = 1;

    /// <summary>Server to client: stderr.</summary>
    public const byte Stderr = 2;

    /// <summary>Server to client: the exit <c>Status</c>.</summary>
    public const byte Error = 3;

    /// <summary>Client to server: terminal size JSON.</summary>
    public const byte Resize = 4;

    /// <summary>v5: <c>[255, channel]</c> half-closes a channel (kubectl sends it for stdin at EOF).</summary>
    public const byte Close = 255;
}
