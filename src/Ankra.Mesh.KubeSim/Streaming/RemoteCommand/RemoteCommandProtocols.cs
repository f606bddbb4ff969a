namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>The remote-command (exec/attach) and port-forward sub-protocol names, in server preference order.</summary>
internal static class RemoteCommandProtocols
{
    /// <summary>v5: v4 plus the WebSocket close-channel signal (255).</summary>
    public const string V5 = "v5.channel.k8s.io";

    /// <summary>v4: exit status as a <c>Status</c> on the error stream.</summary>
    public const string V4 = "v4.channel.k8s.io";

    /// <summary>v3: adds the resize stream.</summary>
    public const string V3 = "v3.channel.k8s.io";

    /// <summary>v2: separate error stream with a plain-text error.</summary>
    public const string V2 = "v2.channel.k8s.io";

    /// <summary>The SPDY port-forward protocol.</summary>
    public const string PortForward = "portforward.k8s.io";

    /// <summary>The WebSocket sub-protocol that tunnels SPDY port-forward inside binary messages.</summary>
    public const string PortForwardOverWebSocket = "SPDY/3.1+portforward.k8s.io";

    /// <summary>What exec/attach accept over SPDY (v5 over SPDY behaves as v4, as in Kubernetes).</summary>
    public static readonly string[] Spdy = [V5, V4, V3, V2];

    /// <summary>What exec/attach accept over WebSocket (binary channel protocols only).</summary>
    public static readonly string[] WebSocket = [V5, V4];
}
