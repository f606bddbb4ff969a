using System.Globalization;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// Prints the issue's table (every figure per path, mesh÷direct and mesh÷ssh -R) and the "Done when" check
/// list of issue 10, each goal marked met / NOT met / not measured.
/// </summary>
internal sealed class ChainReport(List<PathResults> paths)
{
    private const string Missing = "n/a";

    public PathResults Nats { get; } = new("raw NATS");

    /// <summary>Size of the bulk LIST (the direct reference body) in MB.</summary>
    public double ListMb { get; set; }

    public List<double> NatsMbps { get; } = [];

    /// <summary>Raw NATS request→reply latencies one at a time, ms (the bus's floor for any mesh round trip).</summary>
    public List<double> NatsRoundTripMs { get; } = [];

    /// <summary>Raw NATS request→reply req/s at 32 concurrent.</summary>
    public List<double> NatsRps { get; } = [];

    public List<double> PluginMs { get; } = [];

    public Dictionary<string, string> Rollout { get; } = [];

    public Dictionary<string, (double Up, double Down, string? Error)> Copy { get; } = [];

    public List<double> EchoDuringCopyMs { get; } = [];

    /// <summary>The direct echo loop's latencies beside the direct copy (the machine's baseline for the figure above).</summary>
    public List<double> DirectEchoDuringCopyMs { get; } = [];

    private PathResults Mesh => paths[0];

    private PathResults Direct => paths[1];

    private PathResults Ssh => paths[2];

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-34}{string.Concat(paths.Select(p => $"{p.Name,15}"))}{"mesh÷direct",13}{"mesh÷ssh-R",12}");
        Row("small GET p50 ms (c=1)", p => Stats.Percentile(p.GetMs, 0.50));
        Row("small GET p99 ms (c=1)", p => Stats.Percentile(p.GetMs, 0.99));
        Row("small GET req/s (c=32)", p => Stats.Mean(p.Rps));
        Row(Invariant($"LIST {ListMb:0.0} MB, MB/s (ok ones)"), p => Stats.Mean(p.ListMbps));
        Text("LIST ok / failed", p => $"{p.ListMbps.Count}/{p.ListFailures}");
        Row("watch head ms p50, HTTP/1.1", p => Stats.Percentile(p.WatchHeadMs, 0.50));
        Row("watch head ms p50, HTTP/2", p => Stats.Percentile(p.WatchHeadH2Ms, 0.50));
        Row("exec bytes 64M MB/s", p => Stats.Mean(p.ExecMbps));
        Row("exec -i cat echo p50 ms", p => Stats.Percentile(p.EchoMs, 0.50));
        Row("exec -i cat echo p99 ms", p => Stats.Percentile(p.EchoMs, 0.99));
        Row("kubectl get pods ms (median)", p => Stats.Percentile(p.KubectlMs, 0.50));
        Text("failures: GET / exec bytes", p => $"{p.GetFailures}/{p.ExecFailures}");
        var nats = Stats.Mean(NatsMbps);
        Console.WriteLine(Invariant($"{"raw NATS 64 KiB pub→sub MB/s",-34}{Format(nats),15}   (mesh LIST = {Format(Stats.Mean(Mesh.ListMbps) / nats)}× of the bus)"));
        Console.WriteLine(Invariant($"{"raw NATS request→reply p50 ms",-34}{Format(Stats.Percentile(NatsRoundTripMs, 0.50)),15}   (÷ssh-R {Format(Stats.Percentile(NatsRoundTripMs, 0.50) / Stats.Percentile(Ssh.GetMs, 0.50))}×; the bus alone, no HTTP)"));
        Console.WriteLine(Invariant($"{"raw NATS request→reply req/s c=32",-34}{Format(Stats.Mean(NatsRps)),15}   (÷ssh-R {Format(Stats.Mean(NatsRps) / Stats.Mean(Ssh.Rps))}×)"));
        if (Mesh.LoggedRequests > 0)
        {
            Console.WriteLine(Invariant($"{"log bytes per mesh small GET",-34}{$"edge {Mesh.EdgeLogBytes / (double)Mesh.LoggedRequests:0}",15}{$"agent {Mesh.AgentLogBytes / (double)Mesh.LoggedRequests:0}",15}   ({Mesh.LoggedRequests} requests)"));
        }

        PrintCpu();
        Console.WriteLine(Invariant($"{"ankra kube-token (cached) ms",-34}{Format(Stats.Percentile(PluginMs, 0.50)),15}   (median of {PluginMs.Count})"));
        Console.WriteLine($"{"kubectl 1.27 rollout status",-34}{Show(Rollout, Mesh.Name),15}{Show(Rollout, Direct.Name),15}");
        foreach (var (name, copy) in Copy)
        {
            var text = copy.Error ?? Invariant($"up {copy.Up:0.0} MB/s, down {copy.Down:0.0} MB/s");
            Console.WriteLine($"{"kubectl cp 64 MB (" + name + ")",-34}  {text}");
        }

        if (EchoDuringCopyMs.Count > 0)
        {
            Console.WriteLine(Invariant($"{"mesh echo p99 ms during cp",-34}{Format(Stats.Percentile(EchoDuringCopyMs, 0.99)),15}   (idle {Format(Stats.Percentile(Mesh.EchoMs, 0.99))})"));
            Console.WriteLine(Invariant($"{"direct echo p99 ms during direct cp",-34}{Format(Stats.Percentile(DirectEchoDuringCopyMs, 0.99)),15}   (idle {Format(Stats.Percentile(Direct.EchoMs, 0.99))}; {Format(Stats.Percentile(DirectEchoDuringCopyMs, 0.99) / Stats.Percentile(Direct.EchoMs, 0.99))}× — the machine's own share)"));
        }

        PrintErrors();
        new DoneWhen(Mesh, Direct, Ssh, this).Print();
    }

    internal double RolloutMs(string path) =>
        Rollout.TryGetValue(path, out var text) && text.EndsWith(" ms", StringComparison.Ordinal)
            ? double.Parse(text[..^3], CultureInfo.InvariantCulture) : double.NaN;

    internal static string Format(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? Missing : value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.000", CultureInfo.InvariantCulture);

    private static string Show(Dictionary<string, string> values, string key) => values.TryGetValue(key, out var text) ? text.Split(':')[0] : Missing;

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void Row(string figure, Func<PathResults, double> value)
    {
        var values = paths.Select(value).ToList();
        Console.WriteLine($"{figure,-34}{string.Concat(values.Select(v => $"{Format(v),15}"))}{Ratio(values[0], values[1]),13}{Ratio(values[0], values[2]),12}");
    }

    private void Text(string figure, Func<PathResults, string> value) =>
        Console.WriteLine($"{figure,-34}{string.Concat(paths.Select(p => $"{value(p),15}"))}");

    private static string Ratio(double mesh, double other) => Format(mesh / other) is var r && r == Missing ? Missing : r + "×";

    /// <summary>Where a small GET's CPU goes, per process (µs per request at c=32): what bounds req/s on two cores.</summary>
    private void PrintCpu()
    {
        foreach (var path in paths.Where(p => p.GetCpuRequests > 0))
        {
            var perRequest = path.GetCpu.Select(c => Invariant($"{c.Key} {c.Value.TotalMicroseconds / path.GetCpuRequests:0}"));
            var total = path.GetCpu.Values.Sum(c => c.TotalMicroseconds) / path.GetCpuRequests;
            Console.WriteLine(Invariant($"{"CPU µs per GET (c=32), " + path.Name,-34}{total,15:0}   ({string.Join(", ", perRequest)})"));
        }
    }

    private void PrintErrors()
    {
        var lines = paths.Append(Nats).SelectMany(p => p.Errors.Select(e => $"  {p.Name} {e.Key}: {e.Value}")).ToList();
        lines.AddRange(Rollout.Where(r => r.Value.StartsWith("failed", StringComparison.Ordinal)).Select(r => $"  {r.Key} rollout status: {r.Value}"));
        if (lines.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("first error of each kind:");
            lines.ForEach(Console.WriteLine);
        }
    }
}
