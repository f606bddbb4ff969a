using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Kubeconfig;
using Ankra.Mesh.KubeSim.Audit;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Audit;

/// <summary>
/// Every kubectl request through the edge becomes one gateway audit event in PostgreSQL, read back with
/// <c>ankra cluster audit -o json</c>, carrying the request id the cluster's own audit log has for it.
/// </summary>
public sealed class GatewayAuditTests(AuditStackFixture fixture, ITestOutputHelper output) : IClassFixture<AuditStackFixture>
{
    private const string Member = "auditee@demo.local";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task KubectlRequests_GetDeleteExecLogsAndForbidden_EachAuditedWithTheClusterAuditRequestId()
    {
        // get, create + delete, exec with a non-zero exit (WebSocket v5 on 1.33), logs -f until kubectl is stopped.
        _stack.KubeSim.Audit.Clear();
        (await _stack.KubectlAsync("1.33", "get", "configmap", "settings")).Require();
        (await _stack.KubectlAsync("1.33", "create", "configmap", "audit-doomed", "--from-literal=a=b")).Require();
        (await _stack.KubectlAsync("1.33", "delete", "configmap", "audit-doomed")).Require();
        var exec = await _stack.KubectlAsync("1.33", "exec", "web-0", "--", "sh", "-c", "echo from-exec; exit 3");
        Assert.Equal(3, exec.ExitCode);
        await using (var follow = _stack.StartKubectl("1.33", "logs", "-f", "web-0"))
        {
            await follow.WaitForLineAsync(line => line.Length > 0, Timeout);
        }

        // Refused at the edge (kubectl --as), and refused by the cluster's RBAC (a member with a view grant deletes).
        var impersonating = await _stack.KubectlAsync("1.33", "--as", "system:admin", "get", "pods");
        Assert.Contains("Impersonation", impersonating.StandardError);
        var memberKubeconfig = await MemberKubeconfigAsync();
        var forbidden = await _stack.KubectlAsync("1.33", "--kubeconfig", memberKubeconfig, "delete", "configmap", "settings");
        Assert.Contains("Error from server (Forbidden)", forbidden.StandardError);

        var get = await AuditedAsync("get configmap", e => e.Text("verb") == "get" && e.Text("resource") == "configmaps" && e.Text("name") == "settings");
        var delete = await AuditedAsync("delete configmap", e => e.Text("verb") == "delete" && e.Text("name") == "audit-doomed");
        var execEvent = await AuditedAsync("exec", e => e.Text("subresource") == "exec" && e.Text("name") == "web-0");
        var logs = await AuditedAsync("logs -f", e => e.Text("subresource") == "log" && e.Text("name") == "web-0");
        var refusedAtEdge = await AuditedAsync("kubectl --as", e => e.Number("status_code") == 403 && e.Text("user_email") == "admin@demo.local");
        var refusedByCluster = await AuditedAsync("member's delete", e => e.Text("user_email") == Member && e.Text("verb") == "delete");

        foreach (var (what, e) in (IEnumerable<(string, JsonNode)>)[("get", get), ("delete", delete), ("exec", execEvent), ("logs -f", logs)])
        {
            output.WriteLine($"{what}: {e.ToJsonString()}");
            Assert.Equal("admin@demo.local", e.Text("user_email"));
            Assert.Equal("cluster-admin", e.Text("grant_role"));
            AssertCommonFields(e);
            await AssertInClusterAuditAsync(e);
        }

        Assert.Equal(200, get.Number("status_code"));
        Assert.True(get.Number("bytes_out") > 0, "a GET answered with a body counts its bytes");
        Assert.Equal(200, delete.Number("status_code"));
        Assert.Equal(101, execEvent.Number("status_code"));
        Assert.Equal(["sh", "-c", "echo from-exec; exit 3"], execEvent["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(3, execEvent.Number("exit_code"));
        Assert.True(execEvent.Number("bytes_out") > 0, "exec output and its status are counted");
        Assert.True(DateTimeOffset.Parse(execEvent.Text("ended_at")) >= DateTimeOffset.Parse(execEvent.Text("time")));
        Assert.Equal("get", logs.Text("verb"));
        Assert.True(logs.Number("bytes_out") > 0, "log lines are counted");

        output.WriteLine($"refused at the edge: {refusedAtEdge.ToJsonString()}");
        Assert.Equal(get.Text("user_id"), refusedAtEdge.Text("user_id"));
        Assert.Equal("", refusedAtEdge.Text("grant_id"));
        AssertCommonFields(refusedAtEdge);
        Assert.DoesNotContain(_stack.KubeSim.Audit.Events, c => RequestIdOf(c) == refusedAtEdge.Text("request_id"));

        output.WriteLine($"refused by the cluster: {refusedByCluster.ToJsonString()}");
        Assert.Equal(403, refusedByCluster.Number("status_code"));
        Assert.Equal("view", refusedByCluster.Text("grant_role"));
        Assert.Equal("configmaps", refusedByCluster.Text("resource"));
        AssertCommonFields(refusedByCluster);
        var inCluster = await AssertInClusterAuditAsync(refusedByCluster);
        Assert.Equal(403, inCluster.ResponseCode);
    }

    [Fact]
    public async Task AuditEndpoint_Member_ForbiddenWithDetail()
    {
        const string Email = "reader@demo.local";
        await _stack.AddMemberAsync(Email);
        using var member = _stack.EdgeClient(await ApiTokenForAsync(Email, "audit-reader"));

        using var response = await member.GetAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/audit", UriKind.Relative));
        using var admin = _stack.EdgeClient();
        using var allowed = await admin.GetAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/audit?page_size=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Only organisation admins can read a cluster's audit", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var body = JsonNode.Parse(await allowed.Content.ReadAsStringAsync())!;
        Assert.NotNull(body["result"]!.AsArray());
        Assert.Equal(1, body["pagination"]!["page"]!.GetValue<int>());
    }

    private Task<JsonNode> AuditedAsync(string what, Func<JsonNode, bool> match) => AuditReader.WaitForAsync(_stack, match, what, Timeout);

    private void AssertCommonFields(JsonNode e)
    {
        Assert.Equal(_stack.ClusterId, e.Text("cluster_id"));
        Assert.NotEqual("", e.Text("organisation_id"));
        Assert.NotEqual("", e.Text("user_id"));
        Assert.NotEqual("", e.Text("request_id"));
        Assert.StartsWith("kubectl", e.Text("user_agent"), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", e.Text("source_address"));
        Assert.True(e.Double("duration_ms") > 0, "duration is measured");
        Assert.True(e.Number("bytes_in") >= 0 && e.Number("bytes_out") >= 0);
        Assert.NotEqual("", e.Text("time"));
    }

    /// <summary>The cluster's own audit has the request under the same id, with the same resource.</summary>
    private async Task<AuditEvent> AssertInClusterAuditAsync(JsonNode e)
    {
        var requestId = e.Text("request_id");
        var inCluster = await _stack.KubeSim.Audit.WaitForAsync(c => RequestIdOf(c) == requestId).WaitAsync(Timeout);
        Assert.Equal(e.Text("resource"), inCluster.Resource);
        Assert.Equal(e.Text("subresource"), inCluster.Subresource);
        Assert.Equal(e.Text("name"), inCluster.Name);
        Assert.Equal(e.Text("grant_id"), inCluster.ImpersonatedUser!.Extra["ankra-grant-id"].Single());
        return inCluster;
    }

    private static string? RequestIdOf(AuditEvent e) =>
        e.ImpersonatedUser?.Extra.TryGetValue("ankra-request-id", out var ids) == true ? ids.FirstOrDefault() : null;

    /// <summary>A member with a view grant in namespace demo, and a kubeconfig with a kube token of theirs.</summary>
    private async Task<string> MemberKubeconfigAsync()
    {
        await _stack.AddMemberAsync(Member);
        var grant = JsonNode.Parse((await _stack.AnkraAsync("cluster", "access", "grant", Member, "--cluster", _stack.ClusterId,
            "--role", "view", "--namespace", "demo", "-o", "json")).Require().StandardOutput)!;
        await _stack.WaitForGrantReconciledAsync(grant["id"]!.GetValue<string>()).WaitAsync(Timeout);
        using var member = _stack.EdgeClient(await ApiTokenForAsync(Member, "auditee"));
        using var minted = await member.PostAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/k8s-token", UriKind.Relative), null);
        var kubeToken = JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var path = Path.Combine(_stack.Directory, "member-kubeconfig");
        await File.WriteAllTextAsync(path, KubeconfigDocument.SingleContext("member", $"{_stack.EdgeUrl}/api/v1/clusters/{_stack.ClusterId}/k8s", kubeToken, "demo",
            _stack.Certificates.CaPath).Serialize());
        return path;
    }

    private async Task<string> ApiTokenForAsync(string email, string name)
    {
        using var admin = _stack.EdgeClient();
        using var response = await admin.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new JsonObject { ["name"] = name, ["user_email"] = email });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }
}
