using System.Net;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>Whatever a client claims, the cluster sees the agent impersonating the granted user.</summary>
public sealed partial class KubectlThroughTunnelTests
{
    [Fact]
    public async Task Audit_ProxiedRequests_RunAsTheImpersonatedGrantHolderWithRequestAndGrantIds()
    {
        _stack.KubeSim.Audit.Clear();

        var result = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");

        Assert.True(result.ExitCode == 0, result.ToString());
        var events = _stack.KubeSim.Audit.Events.Where(e => e.Resource == "configmaps" && e.Name == "settings").ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.Equal("system:serviceaccount:ankra:ankra-agent", e.User?.Name);
            Assert.NotNull(e.ImpersonatedUser);
            Assert.Equal("admin@demo.local", e.ImpersonatedUser!.Name);
            Assert.False(string.IsNullOrEmpty(e.ImpersonatedUser.Uid), "uid missing");
            Assert.True(e.ImpersonatedUser.Extra.ContainsKey("ankra-org-id"), "organisation id extra missing");
            Assert.True(e.ImpersonatedUser.Extra.ContainsKey("ankra-request-id"), "request id extra missing");
            Assert.True(e.ImpersonatedUser.Extra.ContainsKey("ankra-grant-id"), "grant id extra missing");
        });
    }

    [Fact]
    public async Task KubectlAs_OtherUser_RefusedWithAnExplanation()
    {
        var result = await _stack.KubectlAsync("1.33", "--as", "system:admin", "get", "pods");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Impersonation", result.StandardError);
        Assert.DoesNotContain(_stack.KubeSim.Audit.Events, e => e.ImpersonatedUser?.Name == "system:admin");
    }

    [Fact]
    public async Task SmuggledIdentityHeaders_NeverReachTheCluster()
    {
        using var client = await AuthenticatedClientAsync();
        _stack.KubeSim.Audit.Clear();

        using var impersonating = Request("/api/v1/namespaces/demo/pods");
        impersonating.Headers.TryAddWithoutValidation("Impersonate-User", "system:admin");
        using var refused = await client.SendAsync(impersonating);

        using var remoteUser = Request("/api/v1/namespaces/demo/configmaps/settings");
        remoteUser.Headers.TryAddWithoutValidation("X-Remote-User", "system:admin");
        remoteUser.Headers.TryAddWithoutValidation("X-Remote-Group", "system:masters");
        using var stripped = await client.SendAsync(remoteUser);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Status", JsonNode.Parse(await refused.Content.ReadAsStringAsync())?["kind"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, stripped.StatusCode);
        // The two requests sent above (the agent's own RBAC calls may land in the trail meanwhile).
        var proxied = _stack.KubeSim.Audit.Events.Where(e => e.Namespace == "demo" && e.Resource is "pods" or "configmaps").ToList();
        Assert.NotEmpty(proxied);
        Assert.All(proxied, e =>
        {
            Assert.Equal("admin@demo.local", e.EffectiveUser?.Name);
            Assert.DoesNotContain("system:masters", e.EffectiveUser!.Groups);
        });
    }

    [Fact]
    public async Task NoToken_KubectlSeesUnauthorizedStatus()
    {
        using var client = _stack.EdgeClient();
        client.DefaultRequestHeaders.Authorization = null;

        using var response = await client.SendAsync(Request("/api/v1/namespaces/demo/pods"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Unauthorized", status["reason"]?.GetValue<string>());
        Assert.Contains("ankra cluster kubeconfig add", status["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    private HttpRequestMessage Request(string path) =>
        new(HttpMethod.Get, new Uri($"{_stack.EdgeUrl}/api/v1/clusters/{_stack.ClusterId}/k8s{path}"));

    private async Task<HttpClient> AuthenticatedClientAsync()
    {
        var credential = await _stack.AnkraAsync("cluster", "kube-token", "--cluster", _stack.ClusterId);
        Assert.True(credential.ExitCode == 0, credential.ToString());
        return _stack.EdgeClient(JsonNode.Parse(credential.StandardOutput)!["status"]!["token"]!.GetValue<string>());
    }
}
