namespace Ankra.Mesh.Bench.Chain;

/// <summary>The "Done when" list of issue 10, each goal checked against this run's figures.</summary>
internal sealed class DoneWhen(PathResults mesh, PathResults direct, PathResults ssh, ChainReport report)
{
    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("Done when (issue 10):");
        var failedTransfers = mesh.ListFailures + mesh.ExecFailures + mesh.GetFailures;
        Check("0 failed transfers through the mesh", failedTransfers, 0, (v, goal) => v <= goal, $"{failedTransfers} failed");
        CheckRatio("kubectl 1.27 rollout status ≤ 1.5× direct", report.RolloutMs(mesh.Name) / report.RolloutMs(direct.Name), 1.5, atMost: true);
        CheckRatio("small GET p50 mesh÷ssh-R ≤ 1.0", P(mesh.GetMs, 0.5) / P(ssh.GetMs, 0.5), 1.0, atMost: true);
        Floor(ChainReport.Invariant($"a mesh request crosses the bus both ways: the bare NATS round trip is {ChainReport.Format(P(report.NatsRoundTripMs, 0.5))} ms, {ChainReport.Format((P(ssh.GetMs, 0.5) - P(direct.GetMs, 0.5)) / P(report.NatsRoundTripMs, 0.5))}× of what ssh -R adds to direct ({ChainReport.Format(P(ssh.GetMs, 0.5) - P(direct.GetMs, 0.5))} ms)"));
        CheckRatio("req/s c=32 mesh÷ssh-R ≥ 1.0", Stats.Mean(mesh.Rps) / Stats.Mean(ssh.Rps), 1.0, atMost: false);
        Floor(ChainReport.Invariant($"CPU per request bounds req/s on two cores: mesh {Cpu(mesh)} µs, ssh -R {Cpu(ssh)} µs, direct {Cpu(direct)} µs"));
        CheckRatio("small GET p50 mesh÷direct ≤ 3", P(mesh.GetMs, 0.5) / P(direct.GetMs, 0.5), 3.0, atMost: true);
        CheckRatio("bulk LIST MB/s ≥ 0.8× direct", Stats.Mean(mesh.ListMbps) / Stats.Mean(direct.ListMbps), 0.8, atMost: false, mesh.ListFailures > 0 ? "failures not counted in MB/s" : null);
        CheckRatio("exec bytes MB/s ≥ 0.8× direct", Stats.Mean(mesh.ExecMbps) / Stats.Mean(direct.ExecMbps), 0.8, atMost: false);
        Floor(ChainReport.Invariant($"the bus alone (raw NATS, one hop) moves {ChainReport.Format(Stats.Mean(report.NatsMbps) / Stats.Mean(direct.ExecMbps))}× of direct exec's MB/s and {ChainReport.Format(Stats.Mean(report.NatsMbps) / Stats.Mean(direct.ListMbps))}× of direct LIST's"));
        CheckRatio("mesh bulk LIST ≥ 0.5× raw NATS", Stats.Mean(mesh.ListMbps) / Stats.Mean(report.NatsMbps), 0.5, atMost: false);
        CheckRatio("exec echo p50 ≤ 1.5× direct", P(mesh.EchoMs, 0.5) / P(direct.EchoMs, 0.5), 1.5, atMost: true);
        CheckRatio("exec echo p99 ≤ 3× direct", P(mesh.EchoMs, 0.99) / P(direct.EchoMs, 0.99), 3.0, atMost: true);
        CheckRatio("kubectl get pods ≤ 1.5× direct", P(mesh.KubectlMs, 0.5) / P(direct.KubectlMs, 0.5), 1.5, atMost: true);
        var plugin = P(report.PluginMs, 0.5);
        if (double.IsNaN(plugin))
        {
            Console.WriteLine("  [not measured] plugin alone ≤ 30 ms (cached token)");
        }
        else
        {
            Check("plugin alone ≤ 30 ms (cached token)", plugin, 30, (v, l) => v <= l, $"{ChainReport.Format(plugin)} ms");
        }

        Console.WriteLine($"  [not measured] 10,000 idle watches with memory per process — run `./mesh bench watches`");
        if (report.Copy.TryGetValue(mesh.Name, out var meshCopy) && report.Copy.TryGetValue(direct.Name, out var directCopy)
            && meshCopy.Error is null && directCopy.Error is null)
        {
            var worst = Math.Min(meshCopy.Up / directCopy.Up, meshCopy.Down / directCopy.Down);
            CheckRatio("kubectl cp 64 MB both ways ≥ 0.8× direct", worst, 0.8, atMost: false, "the slower direction");
            CheckRatio("exec echo p99 during cp ≤ 2× idle p99", P(report.EchoDuringCopyMs, 0.99) / P(mesh.EchoMs, 0.99), 2.0, atMost: true);
        }
        else
        {
            var why = meshCopy.Error ?? (report.Copy.TryGetValue(direct.Name, out var d) ? d.Error : null) ?? "not run";
            Console.WriteLine($"  [not measured] kubectl cp 64 MB both ways ≥ 0.8× direct; echo p99 during cp ≤ 2× idle — {why}");
        }
    }

    private static double P(List<double> values, double p) => Stats.Percentile(values, p);

    private static string Cpu(PathResults path) =>
        path.GetCpuRequests == 0 ? "n/a" : ChainReport.Format(path.GetCpu.Values.Sum(c => c.TotalMicroseconds) / path.GetCpuRequests);

    // What the same run measured as the floor under a goal: printed beside it, so a reader can tell "slow" from "bounded".
    private static void Floor(string text) => Console.WriteLine($"      floor: {text}");

    private static void CheckRatio(string goal, double ratio, double limit, bool atMost, string? note = null)
    {
        if (double.IsNaN(ratio) || double.IsInfinity(ratio))
        {
            Console.WriteLine($"  [not measured] {goal}{(note is null ? "" : $" ({note})")}");
            return;
        }

        Check(goal, ratio, limit, atMost ? (v, l) => v <= l : (v, l) => v >= l, $"{ChainReport.Format(ratio)}×{(note is null ? "" : $", {note}")}");
    }

    private static void Check(string goal, double value, double limit, Func<double, double, bool> met, string shown) =>
        Console.WriteLine($"  [{(met(value, limit) ? "met" : "NOT met")}] {goal} — {shown}");
}
