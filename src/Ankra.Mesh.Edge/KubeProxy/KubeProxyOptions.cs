namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Limits and timeouts of the kube proxy (<c>Mesh:KubeProxy</c>).</summary>
public sealed class KubeProxyOptions
{
    public const string Section = "Mesh:KubeProxy";

    /// <summary>How long an upgraded (exec, port-forward) or streaming request may be idle before it is closed.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Quick requests (get, list, create, delete …) one user may have in flight through this edge.</summary>
    public int MaxQuickRequestsPerUser { get; set; } = 128;

    /// <summary>
    /// Long-lived requests (watch, <c>logs -f</c>, exec, attach, port-forward) one user may hold open through this
    /// edge. A pool apart from the quick one: a user's own watches never take the capacity of their <c>get</c>s.
    /// </summary>
    public int MaxLongLivedRequestsPerUser { get; set; } = 256;

    /// <summary>Quick requests one cluster may have in flight through this edge, all users together.</summary>
    public int MaxQuickRequestsPerCluster { get; set; } = 512;

    /// <summary>Long-lived requests one cluster may hold open through this edge, all users together.</summary>
    public int MaxLongLivedRequestsPerCluster { get; set; } = 2048;

    /// <summary>Browser origins allowed to open WebSocket upgrades (kubectl sends no Origin header).</summary>
    public IList<string> AllowedWebSocketOrigins { get; } = [];

    /// <summary>Largest request body forwarded (413 above).</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;
}
