using System.Text.Json.Nodes;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>The user-facing steps: log in, import the cluster, run its agent, wait for the grant, write the kubeconfig.</summary>
public sealed partial class MeshStack
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the built <c>ankra</c> with the admin's config file.</summary>
    public Task<ProcessResult> AnkraAsync(params string[] arguments) =>
        CommandRunner.RunAsync(MeshBinaries.Ankra, ["--config", AnkraConfig, .. arguments], Environment(), timeout: CliTimeout);

    /// <summary>Runs kubectl <paramref name="version"/> with the stack's kubeconfig and its own cache.</summary>
    public Task<ProcessResult> KubectlAsync(string version, params string[] arguments) =>
        KubectlAsync(version, arguments, standardInput: null);

    /// <summary>Runs kubectl with optional stdin and extra environment (e.g. <c>KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false</c>).</summary>
    public Task<ProcessResult> KubectlAsync(string version, string[] arguments, string? standardInput, IReadOnlyDictionary<string, string?>? environment = null) =>
        CommandRunner.RunAsync(KubectlBinary.PathFor(version), ["--kubeconfig", Kubeconfig, .. arguments], Environment(environment),
            standardInput, CliTimeout);

    /// <summary>Starts a long-running kubectl (watch, logs -f, port-forward, exec); the caller stops it (by pid) by disposing it.</summary>
    public ChildProcess StartKubectl(string version, params string[] arguments) => StartKubectl(version, standardInput: false, arguments);

    /// <summary>Like <see cref="StartKubectl(string, string[])"/>, with <see cref="ChildProcess.StandardInput"/> open for the test to write (exec -i).</summary>
    public ChildProcess StartKubectlWithInput(string version, params string[] arguments) => StartKubectl(version, standardInput: true, arguments);

    private ChildProcess StartKubectl(string version, bool standardInput, string[] arguments)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo(KubectlBinary.PathFor(version)) { WorkingDirectory = Directory, RedirectStandardInput = standardInput };
        foreach (var argument in (string[])["--kubeconfig", Kubeconfig, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return ChildProcess.Start($"kubectl {arguments.FirstOrDefault()}", startInfo);
    }

    /// <summary>Environment for CLI and kubectl runs: a private HOME so the user's own files stay untouched.</summary>
    public IReadOnlyDictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(Directory, "home"),
            ["KUBECONFIG"] = null,
            ["ANKRA_API_TOKEN"] = null,
            ["ANKRA_BASE_URL"] = null,
            ["ANKRA_ORG"] = null,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Starts (or restarts) agent replica <paramref name="replica"/> (replica id <c>agent-{replica}</c>); returns once it registered with the edge and serves tunnel opens.</summary>
    public async Task StartAgentAsync(int replica = 0)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mesh:Agent:EdgeUrl"] = EdgeUrl,
            ["Mesh:Agent:EdgeCaFile"] = Certificates.CaPath,
            ["Mesh:Agent:NatsCaFile"] = Nats.CaPath ?? throw new InvalidOperationException("the stack's NATS runs without TLS"),
            ["Mesh:Agent:RegistrationTokenFile"] = RegistrationTokenFile,
            ["Mesh:Agent:ReplicaId"] = $"agent-{replica}",
            ["Mesh:Agent:ApiServer:Url"] = KubeSim.HttpsUrl.ToString(),
            ["Mesh:Agent:ApiServer:Token"] = KubeSim.AgentToken,
            ["Mesh:Agent:ApiServer:CaFile"] = KubeSim.CaFile,
            ["Mesh:Telemetry:InternalUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        };
        foreach (var (key, value) in _options.AgentSettings)
        {
            settings[key] = value;
        }

        var name = replica == 0 ? "agent" : $"agent-{replica}";
        var agent = Own(ChildProcess.Start(name, MeshBinaries.StartInfo("Ankra.Mesh.Agent", settings), logFile: LogFile(name)));
        SetAgent(replica, agent);
        AgentInternalUrls[replica] = settings["Mesh:Telemetry:InternalUrl"];
        // Ready means serving tunnel opens (logged after a NATS round trip proves the subscriptions), not merely
        // registered: kubectl with the Native AOT credential plugin reaches the edge within milliseconds.
        await agent.WaitForLineAsync(line => line.Contains("Tunnel agent serving", StringComparison.Ordinal), StartTimeout);
    }

    /// <summary>Stops agent replica <paramref name="replica"/> by its process id (SIGTERM: it drains, then exits).</summary>
    public async Task StopAgentAsync(int replica = 0)
    {
        if (AgentReplicas.Remove(replica, out var agent))
        {
            _owned.Remove(agent);
            await agent.DisposeAsync();
        }
    }

    private async Task BootstrapClusterAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "home"));
        await RequireAsync(AnkraAsync("login", "--token", AdminToken, "--base-url", EdgeUrl, "--certificate-authority", Certificates.CaPath));
        var imported = ParseJson(await RequireAsync(AnkraAsync("cluster", "import", _options.ClusterName, "--token-file", RegistrationTokenFile, "-o", "json")));
        ClusterId = imported["cluster"]?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("ankra cluster import returned no cluster id");
        for (var replica = 0; replica < _options.Replicas; replica++)
        {
            await StartAgentAsync(replica);
        }

        await WaitForGrantsAppliedAsync(cancellationToken);
        await RequireAsync(AnkraAsync("cluster", "kubeconfig", "add", ClusterId, "--kubeconfig", Kubeconfig, "--use",
            "--exec-command", MeshBinaries.Ankra, "--namespace", DemoWorkload.Namespace));
    }

    /// <summary>Waits until the agent has reconciled every grant the cluster has now (the creator's cluster-admin grant at start).</summary>
    public async Task WaitForGrantsAppliedAsync(CancellationToken cancellationToken = default)
    {
        var grants = ParseJson(await RequireAsync(AnkraAsync("cluster", "access", "list", "--cluster", ClusterId, "-o", "json"))).AsArray();
        foreach (var grant in grants)
        {
            await WaitForGrantReconciledAsync(grant!["id"]!.GetValue<string>(), cancellationToken);
        }
    }

    /// <summary>Waits for the agent to report that it applied (or could not apply) the grant's binding.</summary>
    public Task WaitForGrantReconciledAsync(string grantId, CancellationToken cancellationToken = default) =>
        WaitForAgentLineAsync(line => line.Contains($"Grant {grantId} applied", StringComparison.Ordinal)
            || line.Contains($"Grant {grantId} could not be applied", StringComparison.Ordinal), cancellationToken);

    /// <summary>Waits for the agent to remove the binding of a deleted grant from the cluster.</summary>
    public Task WaitForBindingRemovedAsync(string grantId, CancellationToken cancellationToken = default) =>
        WaitForAgentLineAsync(line => line.Contains($"Removed binding ankra-grant-{grantId}", StringComparison.Ordinal), cancellationToken);

    // Only the replica holding the reconciler lease writes RBAC: the line may come from any replica.
    private async Task WaitForAgentLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        if (AgentReplicas.Count == 0)
        {
            throw new InvalidOperationException("the agent is not running");
        }

        var waits = AgentReplicas.Values.Select(agent => agent.WaitForLineAsync(match, StartTimeout)).ToList();
        while (true)
        {
            var done = await Task.WhenAny(waits).WaitAsync(cancellationToken);
            if (done.IsCompletedSuccessfully || waits.Count == 1)
            {
                await done;
                return;
            }

            waits.Remove(done);
        }
    }

    private static async Task<ProcessResult> RequireAsync(Task<ProcessResult> run)
    {
        var result = await run;
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"ankra failed:\n{result}");
    }
}
