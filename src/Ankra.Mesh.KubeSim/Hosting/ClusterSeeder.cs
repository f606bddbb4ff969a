using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Authorization;
using Ankra.Mesh.KubeSim.Resources;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>What a fresh cluster contains: system namespaces, the RBAC bootstrap policy, the agent's service account.</summary>
internal sealed class ClusterSeeder(ObjectService objects, ResourceCatalog catalog)
{
    public void Seed()
    {
        var namespaces = catalog.Get("", "namespaces");
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease", "ankra" })
        {
            objects.Create(namespaces, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        }

        foreach (var role in BootstrapPolicy.ClusterRoles())
        {
            objects.Create(catalog.Get("rbac.authorization.k8s.io", "clusterroles"), "", role);
        }

        foreach (var binding in BootstrapPolicy.ClusterRoleBindings())
        {
            objects.Create(catalog.Get("rbac.authorization.k8s.io", "clusterrolebindings"), "", binding);
        }

        objects.Create(catalog.Get("", "serviceaccounts"), "ankra", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ankra-agent" } });
        objects.Create(catalog.Get("", "services"), "default", new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.96.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        });
    }
}
