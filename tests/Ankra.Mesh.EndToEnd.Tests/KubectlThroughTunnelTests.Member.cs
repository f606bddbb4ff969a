using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>
/// A second member with her own login and kubeconfig: the cluster sees her email, her stable user id as the uid and the
/// organisation as an extra; after an admin changes her email, her kubectl (same cached kube token) runs under the new
/// name and the binding of her grant names it.
/// </summary>
public sealed partial class KubectlThroughTunnelTests
{
    private const string AliceEmail = "alice@example.com";
    private const string AliceNewEmail = "alice.jones@example.com";

    [Fact]
    public async Task Member_EmailChanged_ClusterAuditAndBindingFollowAndKubectlKeepsWorking()
    {
        var home = Path.Combine(_stack.Directory, "alice");
        Directory.CreateDirectory(home);
        var config = Path.Combine(home, "ankra.yaml");
        var kubeconfig = Path.Combine(home, "kubeconfig");
        using var admin = _stack.EdgeClient();
        await _stack.AddMemberAsync(AliceEmail);
        var members = await GetJsonAsync(admin, "/api/v1/organisation/members");
        var aliceId = members["result"]!.AsArray().Single(m => (string?)m!["email"] == AliceEmail)!["user_id"]!.GetValue<string>();
        var organisationId = (await GetJsonAsync(admin, "/api/v1/me"))["default_organisation_id"]!.GetValue<string>();
        var grant = JsonNode.Parse((await RequireAsync(_stack.AnkraAsync("cluster", "access", "grant", AliceEmail,
            "--cluster", _stack.ClusterId, "--role", "view", "-o", "json"))).StandardOutput)!["id"]!.GetValue<string>();
        var apiToken = (await PostJsonAsync(admin, "/api/v1/tokens", new JsonObject { ["name"] = "alice-laptop", ["user_email"] = AliceEmail }))["token"]!.GetValue<string>();
        await RequireAsync(AliceAnkraAsync(config, "login", "--token", apiToken, "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath));
        await RequireAsync(AliceAnkraAsync(config, "cluster", "kubeconfig", "add", _stack.ClusterId, "--kubeconfig", kubeconfig, "--use",
            "--exec-command", MeshBinaries.Ankra, "--namespace", "demo"));
        await _stack.WaitForGrantReconciledAsync(grant);

        // 1. Alice's request: the cluster's audit names her email, her uid and her organisation.
        var before = await RequireAsync(AliceKubectlAsync(kubeconfig, "get", "pods"));
        Assert.Contains("web-0", before.StandardOutput);
        var asAlice = await _stack.KubeSim.Audit.WaitForAsync(e => e.ImpersonatedUser?.Name == AliceEmail && e.Resource == "pods").WaitAsync(Timeout);
        Assert.Equal("system:serviceaccount:ankra:ankra-agent", asAlice.User?.Name);
        Assert.Equal(aliceId, asAlice.ImpersonatedUser!.Uid);
        Assert.Equal([organisationId], asAlice.ImpersonatedUser.Extra["ankra-org-id"]);
        Assert.Equal([grant], asAlice.ImpersonatedUser.Extra["ankra-grant-id"]);
        Assert.Single(asAlice.ImpersonatedUser.Extra["ankra-request-id"]);
        Assert.Equal([AliceEmail], await BindingSubjectsAsync(grant));

        // 2. An admin changes her email: the agent rebinds the grant's binding to the new name.
        var binding = $"ankra-grant-{grant}";
        var clock = Stopwatch.StartNew();
        using (var patch = await admin.PatchAsJsonAsync(new Uri($"/api/v1/organisation/members/{aliceId}", UriKind.Relative), new JsonObject { ["email"] = AliceNewEmail }))
        {
            Assert.True(patch.StatusCode == HttpStatusCode.OK, await patch.Content.ReadAsStringAsync());
        }

        var answered = clock.Elapsed;
        await _stack.KubeSim.Audit.WaitForAsync(e => e.Verb == "update" && e.Resource == "clusterrolebindings" && e.Name == binding && e.ResponseCode == 200).WaitAsync(Timeout);
        var rebound = clock.Elapsed;
        output.WriteLine($"PATCH answered after {answered.TotalMilliseconds:0} ms; the agent updated {binding} {rebound.TotalMilliseconds:0} ms after the PATCH was sent");
        Assert.Equal([AliceNewEmail], await BindingSubjectsAsync(grant));
        Assert.DoesNotContain(await AllBindingSubjectsAsync(), s => s == AliceEmail);

        // 3. Her kubectl, with the kube token it cached before the change, runs under the new name with the same uid.
        var after = await RequireAsync(AliceKubectlAsync(kubeconfig, "get", "pods"));
        Assert.Contains("web-0", after.StandardOutput);
        var renamed = await _stack.KubeSim.Audit.WaitForAsync(e => e.ImpersonatedUser?.Name == AliceNewEmail && e.Resource == "pods").WaitAsync(Timeout);
        Assert.Equal(aliceId, renamed.ImpersonatedUser!.Uid);
        Assert.Equal([organisationId], renamed.ImpersonatedUser.Extra["ankra-org-id"]);
    }

    private Task<ProcessResult> AliceAnkraAsync(string config, params string[] arguments) =>
        CommandRunner.RunAsync(MeshBinaries.Ankra, ["--config", config, .. arguments], _stack.Environment(), timeout: Timeout);

    private Task<ProcessResult> AliceKubectlAsync(string kubeconfig, params string[] arguments) =>
        CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"), ["--kubeconfig", kubeconfig, .. arguments], _stack.Environment(), timeout: Timeout);

    private static async Task<ProcessResult> RequireAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout))!;

    private static async Task<JsonNode> PostJsonAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body).WaitAsync(Timeout);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Subject names of the grant's ClusterRoleBinding, read from the API server as a cluster admin.</summary>
    private async Task<string[]> BindingSubjectsAsync(string grantId)
    {
        using var cluster = ClusterAdminClient();
        var binding = JsonNode.Parse(await cluster.GetStringAsync(new Uri($"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/ankra-grant-{grantId}", UriKind.Relative)))!;
        return [.. binding["subjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>())];
    }

    private async Task<List<string>> AllBindingSubjectsAsync()
    {
        using var cluster = ClusterAdminClient();
        var names = new List<string>();
        foreach (var path in new[] { "clusterrolebindings", "rolebindings" })
        {
            var list = JsonNode.Parse(await cluster.GetStringAsync(new Uri($"/apis/rbac.authorization.k8s.io/v1/{path}", UriKind.Relative)))!;
            names.AddRange(list["items"]!.AsArray().SelectMany(b => b!["subjects"]?.AsArray() ?? []).Select(s => s!["name"]!.GetValue<string>()));
        }

        return names;
    }

    private HttpClient ClusterAdminClient()
    {
        const string Token = "identity-test-cluster-admin";
        _stack.KubeSim.AddUserToken(Token, "identity-test", "system:masters");
        var client = new HttpClient { BaseAddress = _stack.KubeSim.HttpUrl, Timeout = Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }
}
