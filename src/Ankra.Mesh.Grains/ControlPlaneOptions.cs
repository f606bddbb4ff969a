namespace Ankra.Mesh.Grains;

/// <summary>Control-plane rules (<c>Mesh:ControlPlane</c>), read by the grains on the silo.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:ControlPlane";

    /// <summary>A cluster counts as offline this long after its last agent check-in.</summary>
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often agents check in.</summary>
    public TimeSpan CheckInInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Kube tokens/kubeconfigs one user may mint per minute, across all edges.</summary>
    public int MintsPerMinute { get; set; } = 30;
}
