using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Kubeconfig;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// The real stack (<see cref="MeshStack"/>: nats-server, edge, KubeSim, agent; Release builds when this bench is
/// one) plus the comparison paths: KubeSim direct, an <c>ssh -R</c> tunnel to it and <c>kubectl proxy</c> to it.
/// Seeds the bulk namespace and a deployment. Stops everything it started, by process id, on disposal.
/// </summary>
internal sealed class ChainEnvironment : IAsyncDisposable
{
    public const string BulkNamespace = "bulk";
    public const int BulkConfigMaps = 2_000;
    public const string RolloutDeployment = "bench-rollout";
    private const string AdminToken = "ankra-bench-admin";

    private readonly List<IAsyncDisposable> _owned = [];

    private ChainEnvironment(MeshStack stack) => Stack = stack;

    public MeshStack Stack { get; }

    /// <summary>In table order: mesh, direct, ssh -R, kubectl proxy (the proxy may be missing if it failed to start).</summary>
    public List<ChainPath> Paths { get; } = [];

    public ChainPath Mesh => Paths[0];

    public ChainPath Direct => Paths[1];

    /// <summary>The direct LIST of the bulk namespace: what every path must return byte for byte.</summary>
    public byte[] ReferenceList { get; private set; } = [];

    /// <summary>Environment for kubectl and ankra runs (the stack's private HOME and kube cache).</summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment => Stack.Environment();

    public static async Task<ChainEnvironment> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        // The agent's reconciler lease is renewed through the API server, and every renewal is a write that moves the
        // LIST's resourceVersion: with the default lease the 8.6 MB LISTs of one run could never be byte-equal.
        var stack = await MeshStack.StartAsync(new MeshStackOptions
        {
            Directory = directory,
            AgentSettings = new Dictionary<string, string> { ["Mesh:Agent:LeaseDuration"] = "01:00:00" },
        }, cancellationToken);
        var environment = new ChainEnvironment(stack);
        environment._owned.Add(stack);
        try
        {
            await environment.PrepareAsync(directory, cancellationToken);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var path in Paths)
        {
            path.Dispose();
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    private async Task PrepareAsync(string directory, CancellationToken cancellationToken)
    {
        var kubeSim = Stack.KubeSim;
        kubeSim.AddUserToken(AdminToken, "ankra-bench-admin", "system:masters");
        kubeSim.Seed(BulkSeed());
        kubeSim.Seed(RolloutSeed());

        Paths.Add(await MeshPathAsync(Stack));

        var directUrl = kubeSim.HttpsUrl.ToString().TrimEnd('/');
        var directConfig = await WriteAsync(directory, "direct.kubeconfig", kubeSim.Kubeconfig(AdminToken, "demo"), cancellationToken);
        Paths.Add(new ChainPath("direct", new Uri(directUrl + "/"), AdminToken, kubeSim.CaFile, directConfig));

        var ssh = await SshReverseTunnel.StartAsync(kubeSim.HttpsUrl.Port, cancellationToken);
        _owned.Add(ssh);
        var sshUrl = $"https://127.0.0.1:{ssh.Port.ToString(CultureInfo.InvariantCulture)}";
        var sshConfig = await WriteAsync(directory, "ssh.kubeconfig", kubeSim.Kubeconfig(AdminToken, "demo").Replace(directUrl, sshUrl, StringComparison.Ordinal), cancellationToken);
        var sshPath = new ChainPath("ssh -R", new Uri(sshUrl + "/"), AdminToken, kubeSim.CaFile, sshConfig);
        foreach (var (name, id) in ssh.Processes)
        {
            sshPath.Processes[name] = id;
        }

        Paths.Add(sshPath);

        var proxy = await KubectlProxy.StartAsync(directConfig, ToolEnvironment);
        _owned.Add(proxy);
        var proxyUrl = $"http://127.0.0.1:{proxy.Port.ToString(CultureInfo.InvariantCulture)}";
        var proxyConfig = await WriteAsync(directory, "proxy.kubeconfig", KubeconfigDocument.SingleContext("proxy", proxyUrl, token: null, "demo").Serialize(), cancellationToken);
        var proxyPath = new ChainPath("kubectl proxy", new Uri(proxyUrl + "/"), null, null, proxyConfig);
        proxyPath.Processes["kubectl proxy"] = proxy.ProcessId;
        Paths.Add(proxyPath);

        ReferenceList = await Direct.Http.GetByteArrayAsync(new Uri($"api/v1/namespaces/{BulkNamespace}/configmaps", UriKind.Relative), cancellationToken);
    }

    /// <summary>The edge's kube proxy for the stack's cluster, with a kube token from the built <c>ankra cluster kube-token</c>.</summary>
    public static async Task<ChainPath> MeshPathAsync(MeshStack stack)
    {
        var credential = await stack.AnkraAsync("cluster", "kube-token", "--cluster", stack.ClusterId);
        var kubeToken = credential.ExitCode == 0
            ? JsonNode.Parse(credential.StandardOutput)?["status"]?["token"]?.GetValue<string>()
            : null;
        var meshBase = new Uri($"{stack.EdgeUrl}/api/v1/clusters/{stack.ClusterId}/k8s/");
        return new ChainPath("mesh", meshBase, kubeToken ?? throw new InvalidOperationException($"ankra cluster kube-token failed:\n{credential}"),
            stack.Certificates.CaPath, stack.Kubeconfig);
    }

    private static async Task<string> WriteAsync(string directory, string name, string text, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return path;
    }

    /// <summary>A namespace of 2,000 ConfigMaps of 4 KiB each (a LIST of about 8.6 MB).</summary>
    private static string BulkSeed()
    {
        var items = new JsonArray { new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = BulkNamespace } } };
        var blob = new StringBuilder(4096);
        for (var i = 0; i < 4096; i++)
        {
            blob.Append((char)('a' + (i * 7 % 26)));
        }

        for (var i = 0; i < BulkConfigMaps; i++)
        {
            items.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = $"bulk-{i:D5}", ["namespace"] = BulkNamespace },
                ["data"] = new JsonObject { ["blob"] = blob.ToString() },
            });
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString();
    }

    private static string RolloutSeed() => $$"""
        { "apiVersion": "apps/v1", "kind": "Deployment", "metadata": { "name": "{{RolloutDeployment}}", "namespace": "demo" },
          "spec": { "replicas": 2, "selector": { "matchLabels": { "app": "{{RolloutDeployment}}" } },
            "template": { "metadata": { "labels": { "app": "{{RolloutDeployment}}" } },
              "spec": { "containers": [ { "name": "app", "image": "nginx:1.27" } ] } } } }
        """;
}
