namespace Ankra.Mesh.Hosting;

/// <summary>How Orleans is hosted.</summary>
public enum MeshOrleansMode
{
    /// <summary>The Edge co-hosts one silo: localhost clustering, in-memory storage, nothing durable.</summary>
    Embedded = 0,

    /// <summary>Silos cluster and store grain state in PostgreSQL; the Edge is an Orleans client.</summary>
    AdoNet = 1,
}
