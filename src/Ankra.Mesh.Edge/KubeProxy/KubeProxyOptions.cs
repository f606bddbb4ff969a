namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Limits and timeouts of the kube proxy (<c>Mesh:KubeProxy</c>).</summary>
public sealed class KubeProxyOptions
{
    public const string Section = "Mesh:KubeProxy";

    /// <summary>How long an upgraded (exec, port-forward) or streaming request may be idle before it is closed.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Requests one user may have in flight through this edge (watch, logs -f, exec count while open).</summary>
    public int MaxConcurrentRequestsPerUser { get; set; } = 256;

    /// <summary>Requests one cluster may have in flight through this edge.</summary>
    public int MaxConcurrentRequestsPerCluster { get; set; } = 2048;

    /// <summary>Browser origins allowed to open WebSocket upgrades (kubectl sends no Origin header).</summary>
    public IList<string> AllowedWebSocketOrigins { get; } = [];

    /// <summary>Largest request body forwarded (413 above).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
