using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>What the agent did in the cluster, read straight from the simulated API server as a cluster admin.</summary>
public sealed partial class MeshStack
{
    private const string ClusterAdminToken = "mesh-stack-cluster-admin";

    /// <summary>Names of the RBAC bindings the agent owns right now (cluster- and namespace-scoped).</summary>
    public async Task<IReadOnlyList<string>> OwnedBindingsAsync(CancellationToken cancellationToken = default)
    {
        KubeSim.AddUserToken(ClusterAdminToken, "mesh-stack", "system:masters");
        using var client = new HttpClient { BaseAddress = KubeSim.HttpUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClusterAdminToken);
        var names = new List<string>();
        foreach (var path in new[] { "clusterrolebindings", "rolebindings" })
        {
            var list = JsonNode.Parse(await client.GetStringAsync(
                new Uri($"/apis/rbac.authorization.k8s.io/v1/{path}?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dankra-mesh", UriKind.Relative), cancellationToken))!;
            names.AddRange(list["items"]!.AsArray().Select(item => item!["metadata"]!["name"]!.GetValue<string>()));
        }

        return names;
    }
}
