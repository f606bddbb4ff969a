namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>What step 4 partitions by: the cluster, the user, and whether the request stays open (its pool).</summary>
internal readonly record struct KubeProxyRequestClass(string ClusterId, string UserId, bool LongLived);
