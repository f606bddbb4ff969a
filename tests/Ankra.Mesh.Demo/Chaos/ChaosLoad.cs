using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// The mixed load of one round, all through HAProxy with real kubectl: a loop of <c>get</c>, a <c>get -w</c>
/// compared with the API server's own watch, a <c>logs -f</c>, an <c>exec -i</c> echo loop, a port-forward
/// transfer loop, and <c>create</c> of ConfigMaps with generated names, each carrying a unique request id so
/// that a create applied twice shows up as two objects.
/// </summary>
internal sealed class ChaosLoad : IAsyncDisposable
{
    public const string RequestAnnotation = "chaos.ankra.io/request";

    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(90);
    private readonly MeshStack _stack;
    private readonly Stopwatch _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly ExecEchoSession _exec;
    private readonly PortForwardSession _portForward;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _acknowledged = [];
    private readonly HashSet<string> _attempted = [];

    private ChaosLoad(MeshStack stack, string ns, Stopwatch clock)
    {
        _stack = stack;
        _clock = clock;
        Namespace = ns;
        _exec = new ExecEchoSession(stack, clock);
        _portForward = new PortForwardSession(stack, clock);
        Loops =
        [
            new RequestLoop("get", clock, GetAsync, TimeSpan.FromMilliseconds(100)),
            new RequestLoop("create", clock, CreateAsync, TimeSpan.FromMilliseconds(100)),
            new RequestLoop("exec", clock, _exec.EchoAsync, TimeSpan.FromMilliseconds(250)),
            new RequestLoop("port-forward", clock, _portForward.TransferAsync, TimeSpan.FromMilliseconds(250)),
        ];
    }

    public string Namespace { get; }

    public IReadOnlyList<RequestLoop> Loops { get; }

    public WatchComparison Watch { get; private set; } = null!;

    public LogFollow Logs { get; private set; } = null!;

    public IReadOnlyList<TimeSpan> ExecCuts => _exec.Cuts;

    public IReadOnlyList<TimeSpan> PortForwardCuts => _portForward.Cuts;

    /// <summary>
    /// Starts the watch (through <paramref name="openWatch"/>, which may note where it is served), then the other
    /// streams and the loops; returns once every loop has succeeded once.
    /// </summary>
    public static async Task<ChaosLoad> StartAsync(MeshStack stack, string ns, Stopwatch clock, Func<Func<Task>, Task> openWatch, CancellationToken cancellationToken)
    {
        stack.KubeSim.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }.ToJsonString());
        var load = new ChaosLoad(stack, ns, clock);
        await openWatch(async () => load.Watch = await WatchComparison.StartAsync(stack, ns, clock, cancellationToken));
        load.Logs = LogFollow.Start(stack, clock);
        var started = clock.Elapsed;
        foreach (var loop in load.Loops)
        {
            loop.Start(load._stop.Token);
        }

        await Task.WhenAll(load.Loops.Select(loop => loop.SucceededSinceAsync(started))).WaitAsync(WarmUpTimeout, cancellationToken);
        return load;
    }

    /// <summary>Waits until every loop has succeeded with a request that started at or after <paramref name="after"/>.</summary>
    public Task AllSucceededSinceAsync(TimeSpan after, TimeSpan timeout) =>
        Task.WhenAll(Loops.Select(loop => loop.SucceededSinceAsync(after))).WaitAsync(timeout);

    /// <summary>Stops the loops; every request in flight runs to its end first, so its outcome is known.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(Loops.Select(loop => loop.StoppedAsync()));
    }

    /// <summary>Compares the ConfigMaps the API server holds with the creates kubectl saw acknowledged.</summary>
    public async Task<(int Acknowledged, int Lost, int Duplicated, int AppliedButFailed)> CompareMutationsAsync()
    {
        using var direct = _stack.DirectKubeClient(HttpVersion.Version11);
        var list = JsonNode.Parse(await direct.GetStringAsync(new Uri($"api/v1/namespaces/{Namespace}/configmaps", UriKind.Relative)))!;
        var present = (list["items"]?.AsArray() ?? [])
            .Select(item => item?["metadata"]?["annotations"]?[RequestAnnotation]?.GetValue<string>())
            .OfType<string>()
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());
        lock (_lock)
        {
            var lost = _acknowledged.Count(id => !present.ContainsKey(id));
            var duplicated = present.Values.Sum(n => n - 1);
            var appliedButFailed = _attempted.Count(id => !_acknowledged.Contains(id) && present.ContainsKey(id));
            return (_acknowledged.Count, lost, duplicated, appliedButFailed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        await _exec.DisposeAsync();
        await _portForward.DisposeAsync();
        if (Watch is not null)
        {
            await Watch.DisposeAsync();
        }

        if (Logs is not null)
        {
            await Logs.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        var result = await _stack.KubectlAsync(ChaosKubectl.Version, "get", "configmap", "settings", "-n", DemoWorkload.Namespace,
            "-o", "jsonpath={.data.greeting}", "--request-timeout=20s");
        return result.ExitCode == 0 && result.StandardOutput == "hello" ? null : FirstLine(result.StandardError);
    }

    private async Task<string?> CreateAsync(CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        lock (_lock)
        {
            _attempted.Add(id);
        }

        var manifest = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["generateName"] = "chaos-",
                ["namespace"] = Namespace,
                ["annotations"] = new JsonObject { [RequestAnnotation] = id },
            },
            ["data"] = new JsonObject { ["at"] = _clock.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) },
        }.ToJsonString();
        var result = await _stack.KubectlAsync(ChaosKubectl.Version, ["create", "-f", "-", "-o", "name", "--request-timeout=20s"], manifest);
        if (result.ExitCode != 0 || !result.StandardOutput.StartsWith("configmap/", StringComparison.Ordinal))
        {
            return FirstLine(result.StandardError);
        }

        lock (_lock)
        {
            _acknowledged.Add(id);
        }

        return null;
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "failed without a message";
}
