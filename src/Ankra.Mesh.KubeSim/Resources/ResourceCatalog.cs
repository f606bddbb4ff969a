namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>Every resource the server serves, grouped the way discovery presents them.</summary>
internal sealed class ResourceCatalog
{
    private static readonly IReadOnlyList<string> None = [];
    private static readonly IReadOnlyList<string> CreateOnly = ["create"];

    public ResourceCatalog()
    {
        var all = ResourceType.AllVerbs;
        var noCollectionDelete = all.Where(v => v != "deletecollection").ToArray();
        Types =
        [
            new("", "v1", "Namespace", "namespaces", "namespace", false, ["ns"], noCollectionDelete, None, ["status", "finalize"], TableColumns.Namespaces),
            new("", "v1", "Pod", "pods", "pod", true, ["po"], all, ["all"], ["attach", "exec", "log", "portforward", "status"], TableColumns.Pods),
            new("", "v1", "Service", "services", "service", true, ["svc"], all, ["all"], ["proxy", "status"], TableColumns.Services),
            new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], all, None, None, TableColumns.ConfigMaps),
            new("", "v1", "Secret", "secrets", "secret", true, None, all, None, None, TableColumns.Secrets),
            new("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"], all, None, ["token"], TableColumns.ServiceAccounts),
            new("", "v1", "Event", "events", "event", true, ["ev"], all, None, None, TableColumns.Events),
            new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], all, ["all"], ["scale", "status"], TableColumns.Deployments),
            new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", "clusterrole", false, None, all, None, None, TableColumns.CreatedAt),
            new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", false, None, all, None, None, TableColumns.RoleBindings),
            new("rbac.authorization.k8s.io", "v1", "Role", "roles", "role", true, None, all, None, None, TableColumns.CreatedAt),
            new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", "rolebinding", true, None, all, None, None, TableColumns.RoleBindings),
            new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget", true, ["pdb"], all, None, ["status"], TableColumns.PodDisruptionBudgets),
            new("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, None, all, None, None, TableColumns.CreatedAt),
            new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", "selfsubjectaccessreview", false, None, CreateOnly, None, None, TableColumns.CreatedAt),
            new("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", "selfsubjectrulesreview", false, None, CreateOnly, None, None, TableColumns.CreatedAt),
            new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", "selfsubjectreview", false, None, CreateOnly, None, None, TableColumns.CreatedAt),
            new("authentication.k8s.io", "v1beta1", "SelfSubjectReview", "selfsubjectreviews", "selfsubjectreview", false, None, CreateOnly, None, None, TableColumns.CreatedAt),
        ];
        Groups = Types.GroupBy(t => t.Group).Select(g => new ApiGroup(g.Key, g.Select(t => t.Version).Distinct().ToArray())).ToArray();
    }

    public IReadOnlyList<ResourceType> Types { get; }

    /// <summary>Groups in discovery order (core first); each group's versions, preferred first.</summary>
    public IReadOnlyList<ApiGroup> Groups { get; }

    public ResourceType? Find(string group, string version, string plural) =>
        Types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType Get(string group, string plural) =>
        Types.First(t => t.Group == group && t.Plural == plural);

    public bool ServesGroupVersion(string group, string version) =>
        Types.Any(t => t.Group == group && t.Version == version);
}
