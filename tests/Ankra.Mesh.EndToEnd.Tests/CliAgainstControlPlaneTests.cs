using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>The built <c>ankra</c> against a real control plane: output, exit codes, and what kubectl does with its kubeconfigs.</summary>
public sealed class CliAgainstControlPlaneTests(StackFixture fixture) : IClassFixture<StackFixture>
{
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task ClusterList_Admin_ShowsTheImportedClusterOnline()
    {
        var table = await _stack.AnkraAsync("cluster", "list");
        var json = await _stack.AnkraAsync("cluster", "list", "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^\s+NAME\s+ID\s+STATE\s+KIND\s+CREATED", table.StandardOutput.Split('\n')[0]);
        Assert.Contains(table.StandardOutput.Split('\n'), line => line.Contains("demo", StringComparison.Ordinal) && line.Contains(_stack.ClusterId, StringComparison.Ordinal) && line.Contains("online", StringComparison.Ordinal));
        var cluster = JsonNode.Parse(json.StandardOutput)!.AsArray().Single()!;
        Assert.Equal(_stack.ClusterId, cluster["id"]!.GetValue<string>());
        Assert.Equal("imported", cluster["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClusterSelect_ThenCommandsWithoutClusterFlag_UseTheSelection()
    {
        var selected = await _stack.AnkraAsync("cluster", "select", "demo");
        var grants = await _stack.AnkraAsync("cluster", "access", "list");
        var cleared = await _stack.AnkraAsync("cluster", "clear");
        var afterClear = await _stack.AnkraAsync("cluster", "access", "list");

        Assert.True(selected.ExitCode == 0, selected.ToString());
        Assert.True(grants.ExitCode == 0, grants.ToString());
        Assert.Equal(["ID", "USER", "SCOPE", "NAMESPACE", "ROLE", "STATUS", "CREATED"], grants.StandardOutput.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("admin@demo.local", grants.StandardOutput);
        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Equal(2, afterClear.ExitCode);
        Assert.Contains("ankra cluster select", afterClear.StandardError);
    }

    [Fact]
    public async Task UnknownCluster_ExitsNotFound()
    {
        var byName = await _stack.AnkraAsync("cluster", "access", "list", "--cluster", "no-such-cluster");
        var byId = await _stack.AnkraAsync("cluster", "kube-token", "--cluster", "00000000-0000-4000-8000-000000000000");

        Assert.Equal(3, byName.ExitCode);
        Assert.Contains("no-such-cluster", byName.StandardError);
        Assert.Equal(3, byId.ExitCode);
        Assert.Equal("", byId.StandardOutput);
    }

    [Fact]
    public async Task KubeToken_Output_IsOneLineOfV1ExecCredentialInUtcWholeSeconds()
    {
        var result = await _stack.AnkraAsync("cluster", "kube-token", "--cluster", _stack.ClusterId, "--refresh");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(result.StandardOutput.TrimEnd('\n').Split('\n'));
        var credential = JsonNode.Parse(result.StandardOutput)!;
        Assert.Equal("client.authentication.k8s.io/v1", credential["apiVersion"]!.GetValue<string>());
        Assert.Equal("ExecCredential", credential["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(credential["status"]!["token"]!.GetValue<string>()));
        var expires = DateTimeOffset.ParseExact(credential["status"]!["expirationTimestamp"]!.GetValue<string>(),
            "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(16));
    }

    [Fact]
    public async Task Tokens_CreateListRevoke_RevokedTokenExitsAuthenticationNamingLogin()
    {
        var created = JsonNode.Parse((await _stack.AnkraAsync("tokens", "create", "--name", "ci-pipeline", "--expires-in-days", "7", "-o", "json")).StandardOutput)!;
        var secret = created["token"]!.GetValue<string>();
        var listed = await _stack.AnkraAsync("tokens", "list");
        var usable = await _stack.AnkraAsync("cluster", "list", "--token", secret);
        var revoked = await _stack.AnkraAsync("tokens", "revoke", created["id"]!.GetValue<string>());
        var afterRevoke = await _stack.AnkraAsync("cluster", "list", "--token", secret);

        Assert.Contains("ci-pipeline", listed.StandardOutput);
        Assert.DoesNotContain(secret, listed.StandardOutput);
        Assert.True(usable.ExitCode == 0, usable.ToString());
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(6, afterRevoke.ExitCode);
        Assert.Contains("ankra login", afterRevoke.StandardError);
    }

    [Fact]
    public async Task KubeToken_MemberWithoutGrant_ExitsForbiddenWithTheGrantCommand()
    {
        const string Member = "dev@demo.local";
        await _stack.AddMemberAsync(Member);
        var issued = JsonNode.Parse((await _stack.AnkraAsync("tokens", "create", "--name", "dev-laptop", "--for", Member, "-o", "json")).StandardOutput)!;
        var memberConfig = Path.Combine(_stack.Directory, "member.yaml");
        var login = await RunAnkraAsync(memberConfig, "login", "--token", issued["token"]!.GetValue<string>(),
            "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath);

        var result = await RunAnkraAsync(memberConfig, "cluster", "kube-token", "--cluster", _stack.ClusterId);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains(Member, login.StandardOutput);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains($"ankra cluster access grant {Member} --cluster {_stack.ClusterId} --role view", result.StandardError);
    }

    [Fact]
    public async Task Logout_SavedToken_RevokedOnTheServer()
    {
        var created = JsonNode.Parse((await _stack.AnkraAsync("tokens", "create", "--name", "short-lived", "-o", "json")).StandardOutput)!;
        var secret = created["token"]!.GetValue<string>();
        var config = Path.Combine(_stack.Directory, "logout.yaml");
        await RunAnkraAsync(config, "login", "--token", secret, "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath);

        var logout = await RunAnkraAsync(config, "logout");
        var reuse = await _stack.AnkraAsync("cluster", "list", "--token", secret);

        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(config));
        Assert.Equal(6, reuse.ExitCode);
    }

    [Fact]
    public async Task KubeconfigAdd_EmbedToken_KubectlUsesTheStaticToken()
    {
        var kubeconfig = Path.Combine(_stack.Directory, "embedded-kubeconfig");

        var added = await _stack.AnkraAsync("cluster", "kubeconfig", "add", "demo", "--embed-token", "--kubeconfig", kubeconfig, "--use", "--namespace", "demo");
        var pods = await CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"), ["--kubeconfig", kubeconfig, "get", "pods"], _stack.Environment(), timeout: TimeSpan.FromSeconds(60));

        Assert.True(added.ExitCode == 0, added.ToString());
        var written = await File.ReadAllTextAsync(kubeconfig);
        Assert.Contains("token: ", written);
        Assert.DoesNotContain("kube-token", written);
        Assert.True(pods.ExitCode == 0, pods.ToString());
        Assert.Contains("web-0", pods.StandardOutput);
    }

    private Task<ProcessResult> RunAnkraAsync(string config, params string[] arguments) =>
        CommandRunner.RunAsync(MeshBinaries.Ankra, ["--config", config, .. arguments], _stack.Environment(), timeout: TimeSpan.FromSeconds(60));
}
