using System.Diagnostics;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Onboarding;

/// <summary>
/// Issue 15's onboarding path with nothing but <c>ankra</c>, the served install URL and kubectl: a new admin imports a
/// second cluster (its own KubeSim), installs the agent with the printed <c>curl … | kubectl apply -f -</c>, adds a member
/// and grants them access; the member's kubeconfig works; a second grant changes the role; deleting the cluster cuts access.
/// </summary>
/// <remarks>
/// KubeSim stores the applied Deployment but runs no containers, so the agent process is started the way the stack
/// starts agents, with what the install put into the cluster: the edge URL and token from the served Secret, the NATS CA
/// from the served ConfigMap. Its API-server credential is KubeSim's agent service-account token.
/// </remarks>
public sealed class OnboardingTests(StackFixture fixture, ITestOutputHelper output) : IClassFixture<StackFixture>, IAsyncLifetime
{
    private const string NewAdmin = "owner@onboard.test";
    private const string Member = "dev@onboard.test";
    private const string ClusterName = "onboarded";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly MeshStack _stack = fixture.Stack;
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-onboard-").FullName;
    private KubeSimHost _cluster = null!;
    private ChildProcess? _agent;

    private string AdminConfig => Path.Combine(_directory, "owner.yaml");

    private string MemberConfig => Path.Combine(_directory, "dev.yaml");

    private string MemberKubeconfig => Path.Combine(_directory, "dev-kubeconfig");

    public async Task InitializeAsync()
    {
        _cluster = await KubeSimHost.StartAsync(o => o.CaFile = Path.Combine(_directory, "onboarded-ca.crt"));
        _cluster.Seed(DemoWorkload.Json);

        // The customer's own cluster-admin credential, which runs the install (never given to Ankra).
        _cluster.AddUserToken("customer-admin-token", "customer-admin", "system:masters");
        await File.WriteAllTextAsync(Path.Combine(_directory, "customer-kubeconfig"), _cluster.Kubeconfig("customer-admin-token"));
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task NewAdmin_ImportInstallAddMemberGrantChangeRoleDelete_OnlyAnkraAndTheInstallUrl()
    {
        // 0. The bootstrap admin makes a new admin (ankra only), who signs in with their own config file.
        await RequireAsync(_stack.AnkraAsync("members", "add", NewAdmin, "--role", "admin"));
        await LoginAsync(AdminConfig, NewAdmin);

        // 1. Import: the token goes to a file and is printed nowhere, not even inside the install command.
        var tokenFile = Path.Combine(_directory, "onboarded.token");
        var imported = await RequireAsync(AnkraAsync(AdminConfig, "cluster", "import", ClusterName, "--token-file", tokenFile));
        var importedJson = await RequireAsync(AnkraAsync(AdminConfig, "cluster", "list", "-o", "json"));
        var clusterId = JsonNode.Parse(importedJson.StandardOutput)!.AsArray().Single(c => c!["name"]!.GetValue<string>() == ClusterName)!["id"]!.GetValue<string>();
        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        Assert.DoesNotContain(token, imported.StandardOutput + imported.StandardError, StringComparison.Ordinal);
        var secret = token[(token.IndexOf('_', "ankagent_".Length) + 1)..];
        Assert.DoesNotContain(secret, imported.StandardOutput + imported.StandardError, StringComparison.Ordinal);
        var install = imported.StandardOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("curl ", StringComparison.Ordinal));
        Assert.Equal($"curl -fsSL -H \"Authorization: Bearer $(cat '{tokenFile}')\" {_stack.EdgeUrl}/api/v1/clusters/{clusterId}/agent/install.yaml | kubectl apply -f -", install);

        // 2. The customer runs exactly that line against their cluster (curl trusts the stack's CA, kubectl is 1.33).
        var applied = await RunInstallAsync(install);
        output.WriteLine(applied.StandardOutput);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        foreach (var created in new[] { "namespace/ankra", "serviceaccount/ankra-agent", "clusterrole.rbac.authorization.k8s.io/ankra-agent",
            "clusterrolebinding.rbac.authorization.k8s.io/ankra-agent", "secret/ankra-agent-registration", "configmap/ankra-agent-nats-ca",
            "deployment.apps/ankra-agent", "poddisruptionbudget.policy/ankra-agent" })
        {
            // KubeSim starts with namespace ankra and the agent's service account (its agent token's identity): "configured".
            Assert.Matches($"(?m)^{System.Text.RegularExpressions.Regex.Escape(created)} (created|configured)$", applied.StandardOutput);
        }

        // Applying it again (a retried install) changes nothing and fails nothing.
        var again = await RunInstallAsync(install);
        Assert.True(again.ExitCode == 0, again.ToString());

        // 3. The agent, configured from what the install put into the cluster.
        var clock = Stopwatch.StartNew();
        await StartAgentFromInstalledObjectsAsync();
        output.WriteLine($"agent serving {clock.ElapsedMilliseconds} ms after start");
        var creatorGrant = JsonNode.Parse((await RequireAsync(AnkraAsync(AdminConfig, "cluster", "access", "list", "--cluster", ClusterName, "-o", "json"))).StandardOutput)!
            .AsArray().Single()!;
        Assert.Equal(NewAdmin, creatorGrant["user_email"]!.GetValue<string>());
        await AgentLineAsync($"Grant {creatorGrant["id"]!.GetValue<string>()} applied");

        // 4. A member, their token and their grant: all through ankra.
        await RequireAsync(AnkraAsync(AdminConfig, "members", "add", Member));
        var members = JsonNode.Parse((await RequireAsync(AnkraAsync(AdminConfig, "members", "list", "-o", "json"))).StandardOutput)!.AsArray();
        Assert.Contains(members, m => m!["email"]!.GetValue<string>() == Member && m["role"]!.GetValue<string>() == "member");
        await LoginAsync(MemberConfig, Member, issuer: AdminConfig);
        var grant = JsonNode.Parse((await RequireAsync(AnkraAsync(AdminConfig, "cluster", "access", "grant", Member, "--cluster", ClusterName,
            "--role", "view", "--namespace", DemoWorkload.Namespace, "-o", "json"))).StandardOutput)!;
        var grantId = grant["id"]!.GetValue<string>();
        await AgentLineAsync($"Grant {grantId} applied: view");

        // 5. The member's kubeconfig and kubectl.
        await RequireAsync(AnkraAsync(MemberConfig, "cluster", "kubeconfig", "add", ClusterName, "--kubeconfig", MemberKubeconfig, "--use",
            "--exec-command", MeshBinaries.Ankra, "--namespace", DemoWorkload.Namespace));
        var pods = await MemberKubectlAsync("get", "pods");
        var createWithView = await MemberKubectlAsync("create", "configmap", "made-by-dev", "--from-literal=a=b");
        Assert.True(pods.ExitCode == 0, pods.ToString());
        Assert.Contains("web-0", pods.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, createWithView.ExitCode);
        Assert.Contains("cannot create resource \"configmaps\"", createWithView.StandardError, StringComparison.Ordinal);

        // 6. Granting again on the same scope changes the role of the same grant.
        var changed = await RequireAsync(AnkraAsync(AdminConfig, "cluster", "access", "grant", Member, "--cluster", ClusterName,
            "--role", "edit", "--namespace", DemoWorkload.Namespace));
        Assert.Contains($"from view to edit (grant {grantId}", changed.StandardOutput, StringComparison.Ordinal);
        await AgentLineAsync($"Grant {grantId} applied: edit");
        var createWithEdit = await MemberKubectlAsync("create", "configmap", "made-by-dev", "--from-literal=a=b");
        Assert.True(createWithEdit.ExitCode == 0, createWithEdit.ToString());
        var grants = JsonNode.Parse((await RequireAsync(AnkraAsync(AdminConfig, "cluster", "access", "list", "--cluster", ClusterName, "-o", "json"))).StandardOutput)!.AsArray();
        Assert.Equal(2, grants.Count);

        // 7. Deleting the cluster cuts access: kubectl gets a 404 naming the cluster; the agent's session is refused.
        var declined = await AnkraAsync(AdminConfig, "cluster", "delete", ClusterName);
        Assert.Equal(4, declined.ExitCode);
        Assert.Contains("--yes", declined.StandardError, StringComparison.Ordinal);

        // On a terminal (script(1) gives it one) ankra asks for the cluster's name; another answer declines.
        var prompted = await CommandRunner.RunAsync("/usr/bin/script", ["-qec", $"'{MeshBinaries.Ankra}' --config '{AdminConfig}' cluster delete {ClusterName}", "/dev/null"],
            _stack.Environment(), standardInput: "not-the-name\n", timeout: Timeout);
        Assert.Equal(4, prompted.ExitCode);
        Assert.Contains($"Type the cluster's name to confirm", prompted.StandardOutput + prompted.StandardError, StringComparison.Ordinal);
        Assert.Contains($"the answer was not \"{ClusterName}\"", prompted.StandardOutput + prompted.StandardError, StringComparison.Ordinal);
        clock.Restart();
        await RequireAsync(AnkraAsync(AdminConfig, "cluster", "delete", ClusterName, "--yes"));
        var afterDelete = await MemberKubectlAsync("get", "pods");
        output.WriteLine($"kubectl refused {clock.ElapsedMilliseconds} ms after `ankra cluster delete` started");
        Assert.Equal(1, afterDelete.ExitCode);
        Assert.Contains($"Cluster {clusterId} was not found", afterDelete.StandardError, StringComparison.Ordinal);
        await AgentLineAsync("The edge rejected the registration token");
        var list = await RequireAsync(AnkraAsync(AdminConfig, "cluster", "list"));
        Assert.DoesNotContain(ClusterName, list.StandardOutput, StringComparison.Ordinal);
        var tokenAfterDelete = await AnkraAsync(MemberConfig, "cluster", "kube-token", "--cluster", clusterId, "--refresh");
        Assert.Equal(3, tokenAfterDelete.ExitCode);
    }

    /// <summary>Issues <paramref name="email"/> an API token (as an admin may) and signs them in with their own config file.</summary>
    private async Task LoginAsync(string config, string email, string? issuer = null)
    {
        var create = issuer is null
            ? _stack.AnkraAsync("tokens", "create", "--name", "laptop", "--for", email, "-o", "json")
            : AnkraAsync(issuer, "tokens", "create", "--name", "laptop", "--for", email, "-o", "json");
        var issued = JsonNode.Parse((await RequireAsync(create)).StandardOutput)!["token"]!.GetValue<string>();
        await RequireAsync(AnkraAsync(config, "login", "--token", issued, "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath));
    }

    private Task<ProcessResult> RunInstallAsync(string install)
    {
        // The printed line names `kubectl` and `curl`; put kubectl 1.33 first on PATH, point it at the customer's cluster.
        var bin = Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;
        var kubectl = Path.Combine(bin, "kubectl");
        if (!File.Exists(kubectl))
        {
            File.CreateSymbolicLink(kubectl, KubectlBinary.PathFor("1.33"));
        }

        return CommandRunner.RunAsync("/bin/bash", ["-o", "pipefail", "-c", install], _stack.Environment(new Dictionary<string, string?>
        {
            ["PATH"] = $"{bin}:/usr/bin:/bin",
            ["KUBECONFIG"] = Path.Combine(_directory, "customer-kubeconfig"),
            ["CURL_CA_BUNDLE"] = _stack.Certificates.CaPath,
        }), timeout: Timeout, workingDirectory: _directory);
    }

    private async Task StartAgentFromInstalledObjectsAsync()
    {
        var registration = Path.Combine(_directory, "registration");
        Directory.CreateDirectory(registration);
        await File.WriteAllTextAsync(Path.Combine(registration, "token"), await CustomerGetAsync("secret", "ankra-agent-registration", "{.data.token}", base64: true));
        var natsCa = Path.Combine(_directory, "nats-ca.crt");
        await File.WriteAllTextAsync(natsCa, await CustomerGetAsync("configmap", "ankra-agent-nats-ca", "{.data.ca\\.crt}"));
        var settings = new Dictionary<string, string>
        {
            ["Mesh:Agent:EdgeUrl"] = await CustomerGetAsync("secret", "ankra-agent-registration", "{.data.edge-url}", base64: true),
            ["Mesh:Agent:RegistrationTokenFile"] = Path.Combine(registration, "token"),
            ["Mesh:Agent:NatsCaFile"] = natsCa,
            ["Mesh:Agent:EdgeCaFile"] = _stack.Certificates.CaPath,
            ["Mesh:Agent:ReplicaId"] = "ankra-agent-0",
            ["Mesh:Agent:ApiServer:Url"] = _cluster.HttpsUrl.ToString(),
            ["Mesh:Agent:ApiServer:Token"] = _cluster.AgentToken,
            ["Mesh:Agent:ApiServer:CaFile"] = _cluster.CaFile,
            ["Mesh:Telemetry:InternalUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        };
        _agent = ChildProcess.Start("onboarded-agent", MeshBinaries.StartInfo("Ankra.Mesh.Agent", settings), logFile: Path.Combine(_directory, "agent.log"));
        await _agent.WaitForLineAsync(line => line.Contains("Tunnel agent serving", StringComparison.Ordinal), Timeout);
    }

    private async Task<string> CustomerGetAsync(string kind, string name, string jsonPath, bool base64 = false)
    {
        var result = await RequireAsync(CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"),
            ["--kubeconfig", Path.Combine(_directory, "customer-kubeconfig"), "-n", "ankra", "get", kind, name, "-o", $"jsonpath={jsonPath}"],
            _stack.Environment(), timeout: Timeout));
        return base64 ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(result.StandardOutput.Trim())) : result.StandardOutput;
    }

    private Task AgentLineAsync(string text) =>
        _agent!.WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), Timeout);

    private Task<ProcessResult> MemberKubectlAsync(params string[] arguments) =>
        CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"), ["--kubeconfig", MemberKubeconfig, .. arguments], _stack.Environment(), timeout: Timeout);

    private Task<ProcessResult> AnkraAsync(string config, params string[] arguments) =>
        CommandRunner.RunAsync(MeshBinaries.Ankra, ["--config", config, .. arguments], _stack.Environment(), timeout: Timeout);

    private static async Task<ProcessResult> RequireAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
