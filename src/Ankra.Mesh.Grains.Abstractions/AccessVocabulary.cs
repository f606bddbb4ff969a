namespace Ankra.Mesh.Grains;

/// <summary>The words of the access model, exactly as the REST API spells them.</summary>
public static class AccessVocabulary
{
    /// <summary>Organisation roles.</summary>
    public static readonly IReadOnlySet<string> MemberRoles = new HashSet<string>(StringComparer.Ordinal) { "admin", "member" };

    /// <summary>Grant roles: the built-in ClusterRoles.</summary>
    public static readonly IReadOnlySet<string> GrantRoles = new HashSet<string>(StringComparer.Ordinal) { "view", "edit", "admin", "cluster-admin" };

    /// <summary>Grant scopes.</summary>
    public static readonly IReadOnlySet<string> GrantScopes = new HashSet<string>(StringComparer.Ordinal) { ScopeCluster, ScopeNamespace };

    /// <summary>Cluster kinds.</summary>
    public static readonly IReadOnlySet<string> ClusterKinds = new HashSet<string>(StringComparer.Ordinal) { KindImported, KindSandbox };

    /// <summary>Organisation administrator.</summary>
    public const string RoleAdmin = "admin";

    /// <summary>Cluster-wide grant (ClusterRoleBinding).</summary>
    public const string ScopeCluster = "cluster";

    /// <summary>Namespace grant (RoleBinding to the ClusterRole).</summary>
    public const string ScopeNamespace = "namespace";

    /// <summary>A customer cluster with an agent.</summary>
    public const string KindImported = "imported";

    /// <summary>A sandbox cluster: no cluster access.</summary>
    public const string KindSandbox = "sandbox";

    /// <summary>Reconcile states of a grant.</summary>
    public const string StatusPending = "pending";

    /// <summary>The agent applied the binding.</summary>
    public const string StatusApplied = "applied";

    /// <summary>The API server refused the binding.</summary>
    public const string StatusFailed = "failed";

    /// <summary>Shown instead of pending while the cluster is offline.</summary>
    public const string StatusClusterOffline = "cluster_offline";
}
