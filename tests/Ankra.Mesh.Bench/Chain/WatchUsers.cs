using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// Members of the organisation, each with a cluster-wide <c>view</c> grant and a kube token of their own, made the
/// way an admin and the members would (REST, as the CLI calls it): the watches benchmark spreads its watches over
/// them, so every user stays under the edge's default per-user cap.
/// </summary>
internal static class WatchUsers
{
    public static async Task<IReadOnlyList<string>> CreateAsync(MeshStack stack, int count, CancellationToken cancellationToken = default)
    {
        using var admin = stack.EdgeClient();
        var grants = new List<string>(count);
        var kubeTokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"watcher-{i}@demo.local";
            await stack.AddMemberAsync(email, cancellationToken);
            var grant = await PostAsync(admin, $"/api/v1/clusters/{stack.ClusterId}/access/grants",
                new JsonObject { ["user_email"] = email, ["scope"] = "cluster", ["role"] = "view" }, cancellationToken);
            grants.Add(grant["grant"]!["id"]!.GetValue<string>());
            var apiToken = await PostAsync(admin, "/api/v1/tokens", new JsonObject { ["name"] = "watcher", ["user_email"] = email }, cancellationToken);
            using var member = stack.EdgeClient(apiToken["token"]!.GetValue<string>());
            var kubeToken = await PostAsync(member, $"/api/v1/clusters/{stack.ClusterId}/k8s-token", new JsonObject(), cancellationToken);
            kubeTokens.Add(kubeToken["token"]!.GetValue<string>());
        }

        // A watch of a user whose binding is not in the cluster yet would be Forbidden.
        foreach (var grant in grants)
        {
            await stack.WaitForGrantReconciledAsync(grant, cancellationToken);
        }

        return kubeTokens;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && JsonNode.Parse(text) is { } json
            ? json
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }
}
