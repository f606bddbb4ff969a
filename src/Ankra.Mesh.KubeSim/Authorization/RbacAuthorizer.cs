using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Authentication;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;

namespace Ankra.Mesh.KubeSim.Authorization;

/// <summary>
/// RBAC over the stored roles and bindings, evaluated per request (the stores are in memory, and a
/// binding made a moment ago must count at once, as it does against a real server).
/// </summary>
internal sealed class RbacAuthorizer(ObjectStore store, ResourceCatalog catalog)
{
    private readonly ResourceStore _clusterRoles = store.For(catalog.Get("rbac.authorization.k8s.io", "clusterroles"));
    private readonly ResourceStore _clusterRoleBindings = store.For(catalog.Get("rbac.authorization.k8s.io", "clusterrolebindings"));
    private readonly ResourceStore _roles = store.For(catalog.Get("rbac.authorization.k8s.io", "roles"));
    private readonly ResourceStore _roleBindings = store.For(catalog.Get("rbac.authorization.k8s.io", "rolebindings"));

    public bool Authorize(AuthorizationAttributes request) =>
        RulesFor(request.User, request.Namespace).Any(rule => PolicyRule.Allows(rule, request));

    /// <summary>Every rule that applies to <paramref name="user"/> in <paramref name="ns"/> (cluster-wide ones included).</summary>
    public IEnumerable<JsonNode?> RulesFor(UserInfo user, string ns)
    {
        foreach (var binding in _clusterRoleBindings.List(null, b => Binds(b, user, ""), null, 0).Items)
        {
            foreach (var rule in RoleRules(binding, ""))
            {
                yield return rule;
            }
        }

        if (ns.Length == 0)
        {
            yield break;
        }

        foreach (var binding in _roleBindings.List(ns, b => Binds(b, user, ns), null, 0).Items)
        {
            foreach (var rule in RoleRules(binding, ns))
            {
                yield return rule;
            }
        }
    }

    private static bool Binds(JsonObject binding, UserInfo user, string bindingNamespace) =>
        Json.Array(binding, "subjects").Any(subject => Json.Str(subject, "kind") switch
        {
            "User" => Json.Str(subject, "name") == user.Name,
            "Group" => user.Groups.Contains(Json.Str(subject, "name") ?? ""),
            "ServiceAccount" => user.Name == $"system:serviceaccount:{Json.Str(subject, "namespace") ?? bindingNamespace}:{Json.Str(subject, "name")}",
            _ => false,
        });

    private JsonArray RoleRules(JsonObject binding, string ns)
    {
        var name = Json.Str(binding, "roleRef.name") ?? "";
        var role = Json.Str(binding, "roleRef.kind") == "Role" ? _roles.Get(ns, name) : _clusterRoles.Get(null, name);
        return Json.Array(role, "rules");
    }
}
