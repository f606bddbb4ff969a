namespace Ankra.Mesh.Contracts.Subjects;

/// <summary>
/// The subject wildcards NATS permissions are issued for, built from the same shapes as
/// <see cref="MeshSubjects"/> with <c>*</c> in place of an id, so a permission always matches the subjects
/// the processes use.
/// </summary>
public static class MeshSubjectWildcards
{
    /// <summary>Every cluster's prefix: <c>mesh.c.*</c>.</summary>
    public static string AnyCluster { get; } = MeshSubjects.Cluster("*");

    /// <summary>Every subject of one cluster, <c>mesh.c.{cluster}.&gt;</c>: all an agent of it may use.</summary>
    public static string OwnCluster(string clusterId) => MeshSubjects.ClusterPrefix(clusterId) + ".>";

    /// <summary>Opens to any cluster's shared queue group: <c>mesh.c.*.open</c>.</summary>
    public static string SharedOpens { get; } = MeshSubjects.SharedOpen(AnyCluster);

    /// <summary>Opens addressed to any agent session: <c>mesh.c.*.s.*.open</c>.</summary>
    public static string SessionOpens { get; } = MeshSubjects.Session(AnyCluster, "*", MeshSubjects.OpenLeaf);

    /// <summary>Frames to any agent session: <c>mesh.c.*.s.*.in</c>.</summary>
    public static string SessionInbounds { get; } = MeshSubjects.Session(AnyCluster, "*", MeshSubjects.InboundLeaf);

    /// <summary>Frames to any edge: <c>mesh.c.*.e.*</c>.</summary>
    public static string EdgeInbounds { get; } = MeshSubjects.Edge(AnyCluster, "*");
}
