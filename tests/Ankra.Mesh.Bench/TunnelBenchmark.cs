using System.Globalization;

namespace Ankra.Mesh.Bench;

/// <summary>
/// `./mesh bench tunnel`: the same load directly against Kestrel and through the tunnel, interleaved
/// round by round (direct, tunnel, direct, tunnel, …) so machine noise hits both alike. Prints p50/p99
/// of small GETs at concurrency 1 and 32, requests/s at 32, MB/s for a 200 MB response, and the
/// tunnel/direct ratio of each. Optional argument: the number of rounds (default 3).
/// </summary>
internal static class TunnelBenchmark
{
    private const long DownloadBytes = 200L * 1024 * 1024;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[^1], CultureInfo.InvariantCulture, out var r) ? r : 3;
        await using var host = new BenchHost();
        await host.StartAsync();
        var direct = new Results();
        var tunnel = new Results();
        Console.WriteLine($"warm-up, then {rounds} interleaved rounds ({Phase.TotalSeconds:0} s per latency phase, 200 MiB download)");
        foreach (var client in new[] { host.Direct, host.Tunnel })
        {
            await LoadRunner.SmallGetsAsync(client, 8, TimeSpan.FromSeconds(1));
            await LoadRunner.DownloadAsync(client, 16L * 1024 * 1024);
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (client, results) in new[] { (host.Direct, direct), (host.Tunnel, tunnel) })
            {
                results.Serial.AddRange((await LoadRunner.SmallGetsAsync(client, 1, Phase)).Latencies);
                var (latencies, rps) = await LoadRunner.SmallGetsAsync(client, 32, Phase);
                results.Concurrent.AddRange(latencies);
                results.Rps.Add(rps);
                results.MegabytesPerSecond.Add(await LoadRunner.DownloadAsync(client, DownloadBytes));
            }

            Console.WriteLine($"round {round}/{rounds} done");
        }

        Print(direct, tunnel);
        Console.WriteLine($"tunnel peak bytes buffered per stream: {host.Handler.PeakBufferedBytesPerStream}; live streams after the run: {host.Handler.ActiveStreams}");
        return 0;
    }

    private static void Print(Results direct, Results tunnel)
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-28}{"direct",12}{"tunnel",12}{"tunnel/direct",16}");
        Row("GET p50 ms (c=1)", LoadRunner.Percentile(direct.Serial, 0.50), LoadRunner.Percentile(tunnel.Serial, 0.50));
        Row("GET p99 ms (c=1)", LoadRunner.Percentile(direct.Serial, 0.99), LoadRunner.Percentile(tunnel.Serial, 0.99));
        Row("GET p50 ms (c=32)", LoadRunner.Percentile(direct.Concurrent, 0.50), LoadRunner.Percentile(tunnel.Concurrent, 0.50));
        Row("GET p99 ms (c=32)", LoadRunner.Percentile(direct.Concurrent, 0.99), LoadRunner.Percentile(tunnel.Concurrent, 0.99));
        Row("GET requests/s (c=32)", direct.Rps.Average(), tunnel.Rps.Average());
        Row("200 MiB response MB/s", direct.MegabytesPerSecond.Average(), tunnel.MegabytesPerSecond.Average());
    }

    private static void Row(string name, double direct, double tunnel) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28}{direct,12:0.000}{tunnel,12:0.000}{tunnel / direct,16:0.00}"));

    private sealed class Results
    {
        public List<double> Serial { get; } = [];

        public List<double> Concurrent { get; } = [];

        public List<double> Rps { get; } = [];

        public List<double> MegabytesPerSecond { get; } = [];
    }
}
