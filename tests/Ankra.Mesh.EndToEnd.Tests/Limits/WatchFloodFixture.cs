using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.Limits;

/// <summary>
/// A stack whose caps are small enough to reach with a handful of watches, laid out as the defaults are: per user and
/// per cluster at the edge, quick and long-lived pools apart; the tunnel's per-session cap above both pools together on
/// each side; the agent's pools no lower than the edge's per-cluster ones. Two members, alice and bob, hold a
/// cluster-wide view grant and a kube token each.
/// </summary>
public sealed class WatchFloodFixture : StackFixture
{
    public const int WatchesPerUser = 8;
    public const int WatchesPerCluster = 16;
    private const string TunnelStreams = "64";

    public string AliceToken { get; private set; } = "";

    public string BobToken { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        AliceToken = await MemberWithViewGrantAsync("alice@demo.local");
        BobToken = await MemberWithViewGrantAsync("bob@demo.local");
    }

    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        EdgeSettings = new Dictionary<string, string>
        {
            ["Mesh:KubeProxy:MaxQuickRequestsPerUser"] = "16",
            ["Mesh:KubeProxy:MaxLongLivedRequestsPerUser"] = $"{WatchesPerUser}",
            ["Mesh:KubeProxy:MaxQuickRequestsPerCluster"] = "32",
            ["Mesh:KubeProxy:MaxLongLivedRequestsPerCluster"] = $"{WatchesPerCluster}",
            ["Mesh:Tunnel:MaxConcurrentStreamsPerSession"] = TunnelStreams,
        },
        AgentSettings = new Dictionary<string, string>
        {
            ["Mesh:Agent:MaxConcurrentUnaryRequests"] = "32",
            ["Mesh:Agent:MaxConcurrentStreamingRequests"] = $"{WatchesPerCluster}",
            ["Mesh:Tunnel:MaxConcurrentStreamsPerSession"] = TunnelStreams,
        },
    };

    /// <summary>A member with a cluster-wide view grant the agent has applied, and their kube token (as the REST API mints it).</summary>
    private async Task<string> MemberWithViewGrantAsync(string email)
    {
        await Stack.AddMemberAsync(email);
        using var admin = Stack.EdgeClient();
        var grant = await PostAsync(admin, $"/api/v1/clusters/{Stack.ClusterId}/access/grants",
            new JsonObject { ["user_email"] = email, ["scope"] = "cluster", ["role"] = "view" });
        var apiToken = await PostAsync(admin, "/api/v1/tokens", new JsonObject { ["name"] = "flood", ["user_email"] = email });
        using var member = Stack.EdgeClient(apiToken["token"]!.GetValue<string>());
        var kubeToken = await PostAsync(member, $"/api/v1/clusters/{Stack.ClusterId}/k8s-token", new JsonObject());
        await Stack.WaitForGrantReconciledAsync(grant["grant"]!["id"]!.GetValue<string>());
        return kubeToken["token"]!.GetValue<string>();
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && JsonNode.Parse(text) is { } json
            ? json
            : throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
    }
}
