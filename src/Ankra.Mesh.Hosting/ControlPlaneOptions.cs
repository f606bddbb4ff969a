namespace Ankra.Mesh.Hosting;

/// <summary>Control-plane rules (<c>Mesh:ControlPlane</c>), read by the grains on the silo.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:ControlPlane";

    /// <summary>A cluster counts as offline this long after its last agent check-in.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often agents check in.</summary>
    public TimeSpan CheckInInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An agent session that has not checked in for this long is gone: it is no longer listed or served, its
    /// next check-in is told to register again, and it is removed from the cluster's state. Replica ids are pod
    /// names, so without expiry every rollout would add sessions to the grain forever.
    /// </summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Most sessions one cluster keeps, whatever their age: a registration beyond it drops the session that
    /// checked in least recently, so a burst of restarts within <see cref="SessionExpiry"/> stays bounded too.
    /// </summary>
    public int MaxSessionsPerCluster { get; set; } = 32;

    /// <summary>Kube tokens/kubeconfigs one user may mint per minute, across all edges.</summary>
    public int MintsPerMinute { get; set; } = 30;
}
