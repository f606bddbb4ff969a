using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Authentication;

namespace Ankra.Mesh.KubeSim.Authorization;

/// <summary>
/// The cluster roles and bindings a fresh cluster has: Kubernetes' user-facing roles with their real
/// rules (<c>plugin/pkg/auth/authorizer/rbac/bootstrappolicy</c>, aggregation already folded in), the
/// discovery/basic-user roles every authenticated identity gets, and the agent's own role.
/// </summary>
internal static class BootstrapPolicy
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", Rule(["*"], ["*"], ["*"]), UrlRule(["*"], ["*"]));
        var view = ViewRules().ToArray();
        var edit = view.Concat(EditRules()).ToArray();
        yield return Role("view", view);
        yield return Role("edit", edit);
        yield return Role("admin", [.. edit, Rule(ReadWrite, ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]), Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"])]);
        yield return Role("system:discovery", UrlRule(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]));
        yield return Role("system:public-info-viewer", UrlRule(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]));
        yield return Role(
            "system:basic-user",
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]));
        yield return Role(
            "ankra:agent",
            // Mirrors k8s/agent/rbac.yaml: users, their uids, and exactly the three extras the agent stamps
            // (Kubernetes RBAC has no "userextras/*" wildcard, so each key is listed).
            Rule(["impersonate"], [""], ["users"]),
            Rule(["impersonate"], ["authentication.k8s.io"], ["uids", "userextras/ankra-org-id", "userextras/ankra-request-id", "userextras/ankra-grant-id"]),
            Rule([.. ReadWrite, "bind", "escalate"], ["rbac.authorization.k8s.io"], ["clusterrolebindings", "rolebindings", "clusterroles", "roles"]),
            Rule(Read, [""], ["namespaces"]),
            Rule(["get", "create", "update"], ["coordination.k8s.io"], ["leases"]),
            Rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]));
    }

    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding("cluster-admin", "cluster-admin", ("Group", "system:masters"));
        yield return Binding("system:discovery", "system:discovery", ("Group", UserInfo.Authenticated));
        yield return Binding("system:basic-user", "system:basic-user", ("Group", UserInfo.Authenticated));
        yield return Binding("system:public-info-viewer", "system:public-info-viewer", ("Group", UserInfo.Authenticated), ("Group", "system:unauthenticated"));
        var agent = Binding("ankra:agent", "ankra:agent");
        agent["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "ankra-agent", ["namespace"] = "ankra" });
        yield return agent;
    }

    private static IEnumerable<JsonObject> ViewRules()
    {
        yield return Rule(Read, [""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]);
        yield return Rule(Read, [""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"]);
        yield return Rule(Read, [""], ["namespaces"]);
        yield return Rule(Read, ["discovery.k8s.io"], ["endpointslices"]);
        yield return Rule(Read, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/scale", "statefulsets/status", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status"]);
        yield return Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]);
        yield return Rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]);
        yield return Rule(Read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]);
        yield return Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]);
        yield return Rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]);
    }

    private static IEnumerable<JsonObject> EditRules()
    {
        yield return Rule(["impersonate"], [""], ["serviceaccounts"]);
        yield return Rule(Write, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]);
        yield return Rule(["create"], [""], ["pods/eviction"]);
        yield return Rule(Write, [""], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"]);
        yield return Rule(["create"], [""], ["serviceaccounts/token"]);
        yield return Rule(Write, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"]);
        yield return Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]);
        yield return Rule(Write, ["batch"], ["cronjobs", "jobs"]);
        yield return Rule(Write, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"]);
        yield return Rule(Write, ["policy"], ["poddisruptionbudgets"]);
        yield return Rule(Write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]);
        yield return Rule(["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], ["coordination.k8s.io"], ["leases"]);
        yield return Rule(Read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]);
    }

    private static JsonObject Rule(string[] verbs, string[] groups, string[] resources) => new()
    {
        ["verbs"] = Array(verbs),
        ["apiGroups"] = Array(groups),
        ["resources"] = Array(resources),
    };

    private static JsonObject UrlRule(string[] verbs, string[] urls) => new()
    {
        ["verbs"] = Array(verbs),
        ["nonResourceURLs"] = Array(urls),
    };

    private static JsonObject Role(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
            ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        },
        ["rules"] = new JsonArray([.. rules.Select(r => r.DeepClone())]),
    };

    private static JsonObject Binding(string name, string role, params (string Kind, string Name)[] subjects) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" } },
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray([.. subjects.Select(s => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = s.Kind, ["name"] = s.Name })]),
    };

    private static JsonArray Array(string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
