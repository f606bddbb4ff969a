namespace Ankra.Mesh.Hosting;

/// <summary>Orleans hosting (<c>Mesh:Orleans</c>).</summary>
public sealed class MeshOrleansOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Orleans";

    /// <summary>Embedded (default, not durable) or AdoNet (PostgreSQL).</summary>
    public MeshOrleansMode Mode { get; set; } = MeshOrleansMode.Embedded;

    /// <summary>PostgreSQL connection string holding the Orleans tables (AdoNet mode).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Orleans cluster id: silos and clients with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "ankra-mesh";

    /// <summary>Orleans service id: stays the same across deployments so stored state is found again.</summary>
    public string ServiceId { get; set; } = "ankra-mesh";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// Address this silo advertises to the cluster (AdoNet mode), e.g. the pod IP from the downward API.
    /// Unset: loopback only, for single-machine runs. When set, the silo listens on all addresses.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;
}
