using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// `./mesh bench chain [ROUNDS]`: the whole chain (kubectl → edge → NATS → agent → KubeSim) against KubeSim
/// direct, an <c>ssh -R</c> tunnel and <c>kubectl proxy</c>, in interleaved rounds (mesh, direct, ssh -R, proxy,
/// mesh, …) so machine noise hits every path alike; raw NATS throughput is measured in the same rounds.
/// Failures (a LIST cut short, an exec that ends early) are counted and reported, never fatal.
/// </summary>
internal static class ChainBenchmark
{
    private const long ExecBytes = 64L * 1024 * 1024;
    private const int EchoIterations = 300;
    private const int KubectlRunsPerRound = 3;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[^1], CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 3;
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"starting the stack ({MeshBinaries.Configuration} builds: nats-server, edge, agent, KubeSim), ssh -R and kubectl proxy …");
        await using var environment = await ChainEnvironment.StartAsync(RepositoryPaths.Combine(".mesh", "bench", "chain"));
        var results = environment.Paths.Select(p => new PathResults(p.Name)).ToList();
        var report = new ChainReport(results) { ListMb = environment.ReferenceList.Length / 1e6 };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stack up in {clock.Elapsed.TotalSeconds:0.0} s; bulk LIST is {environment.ReferenceList.Length / 1e6:0.00} MB ({ChainEnvironment.BulkConfigMaps} ConfigMaps); paths: {string.Join(", ", environment.Paths.Select(p => $"{p.Name} {p.BaseUri}"))}"));

        await WarmUpAsync(environment);
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < environment.Paths.Count; i++)
            {
                await MeasurePathAsync(environment, environment.Paths[i], results[i]);
            }

            await report.Nats.TryAsync("nats", async () => report.NatsMbps.Add(await NatsThroughput.MeasureAsync(environment.Stack.Nats, 128L * 1024 * 1024)));
            await report.Nats.TryAsync("nats round trip", async () =>
            {
                var (latencies, rps) = await NatsRoundTrip.MeasureAsync(environment.Stack.Nats, Phase);
                report.NatsRoundTripMs.AddRange(latencies);
                report.NatsRps.Add(rps);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}/{rounds} done ({clock.Elapsed.TotalSeconds:0} s)"));
        }

        await ChainExtras.MeasureAsync(environment, report);
        report.Print();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole run {clock.Elapsed.TotalSeconds:0} s; stack logs in {environment.Stack.Directory}/logs"));
        return 0;
    }

    private static async Task WarmUpAsync(ChainEnvironment environment)
    {
        // Connections, JIT, TLS sessions and kubectl's discovery cache, on every path; nothing here is recorded.
        var scratch = new PathResults("warm-up");
        foreach (var path in environment.Paths)
        {
            await ChainProbes.SmallGetsAsync(path, 4, TimeSpan.FromMilliseconds(500));
            await ChainProbes.ListAsync(path, environment.ReferenceList);
            await scratch.TryAsync("exec", () => ExecChannelClient.BytesAsync(path, 1 << 20));
            await scratch.TryAsync("echo", () => ExecChannelClient.EchoAsync(path, 20));
            await scratch.TryAsync("kubectl", () => KubectlRuns.GetPodsAsync(path.Kubeconfig, environment.ToolEnvironment));
        }

        foreach (var (figure, error) in scratch.Errors)
        {
            Console.WriteLine($"warm-up: {figure} failed on some path: {error}");
        }
    }

    /// <summary>Sizes of the edge's and agent's log files (the stack appends every line they print).</summary>
    private static (long Edge, long Agent) LogSizes(ChainEnvironment environment)
    {
        var logs = Path.Combine(environment.Stack.Directory, "logs");
        static long Size(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
        return (Size(Path.Combine(logs, "edge.log")), Size(Path.Combine(logs, "agent.log")));
    }

    private static TimeSpan Cpu(int pid) => pid == Environment.ProcessId ? ProcessCpu.ReadOwn(pid) : ProcessCpu.ReadTree(pid);

    /// <summary>The processes a path's requests cost CPU in; the bench process hosts KubeSim and every client.</summary>
    private static Dictionary<string, int> CpuAccounted(ChainEnvironment environment, ChainPath path)
    {
        var processes = new Dictionary<string, int>(path.Processes) { ["bench+KubeSim"] = Environment.ProcessId };
        if (path == environment.Mesh)
        {
            processes["edge"] = environment.Stack.Edge.Id;
            processes["agent"] = environment.Stack.Agent!.Id;
            processes["nats-server"] = environment.Stack.Nats.Process!.Id;
        }

        return processes;
    }

    private static async Task MeasurePathAsync(ChainEnvironment environment, ChainPath path, PathResults results)
    {
        var logs = path == environment.Mesh ? LogSizes(environment) : default;
        var serial = await ChainProbes.SmallGetsAsync(path, 1, Phase);
        results.GetMs.AddRange(serial.LatenciesMs);
        var processes = CpuAccounted(environment, path);
        var cpuBefore = processes.ToDictionary(p => p.Key, p => Cpu(p.Value));
        var concurrent = await ChainProbes.SmallGetsAsync(path, 32, Phase);
        foreach (var (name, pid) in processes)
        {
            results.GetCpu[name] = results.GetCpu.GetValueOrDefault(name) + (Cpu(pid) - cpuBefore[name]);
        }

        results.GetCpuRequests += concurrent.LatenciesMs.Count;
        if (path == environment.Mesh)
        {
            var now = LogSizes(environment);
            results.EdgeLogBytes += now.Edge - logs.Edge;
            results.AgentLogBytes += now.Agent - logs.Agent;
            results.LoggedRequests += serial.LatenciesMs.Count + concurrent.LatenciesMs.Count + serial.Failures + concurrent.Failures;
        }

        results.Rps.Add(concurrent.Rps);
        results.GetFailures += serial.Failures + concurrent.Failures;
        if ((serial.Error ?? concurrent.Error) is { } getError)
        {
            results.Errors.TryAdd("small GET", getError);
        }

        for (var i = 0; i < 2; i++)
        {
            var list = await ChainProbes.ListAsync(path, environment.ReferenceList);
            if (list.Ok)
            {
                results.ListMbps.Add(list.MegabytesPerSecond);
            }
            else
            {
                results.ListFailures++;
                results.Errors.TryAdd("LIST", list.Error ?? "failed");
            }
        }

        for (var i = 0; i < 2; i++)
        {
            await results.TryAsync("watch head", async () => results.WatchHeadMs.Add(await ChainProbes.WatchHeadAsync(path.Http)));
        }

        if (path.Http2 is { } http2)
        {
            await results.TryAsync("watch head HTTP/2", async () => results.WatchHeadH2Ms.Add(await ChainProbes.WatchHeadAsync(http2)));
        }

        if (!await results.TryAsync("exec bytes", async () => results.ExecMbps.Add(await ExecChannelClient.BytesAsync(path, ExecBytes))))
        {
            results.ExecFailures++;
        }

        await results.TryAsync("exec echo", async () => results.EchoMs.AddRange(await ExecChannelClient.EchoAsync(path, EchoIterations)));
        for (var i = 0; i < KubectlRunsPerRound; i++)
        {
            await results.TryAsync("kubectl get pods", async () => results.KubectlMs.Add(await KubectlRuns.GetPodsAsync(path.Kubeconfig, environment.ToolEnvironment)));
        }
    }
}
