using System.Diagnostics;
using System.Globalization;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// The once-per-run figures after the rounds: the credential plugin alone, kubectl 1.27 <c>rollout status</c>,
/// and <c>kubectl cp</c> of 64 MB both ways with an exec echo loop running beside the mesh copy.
/// </summary>
internal static class ChainExtras
{
    private const int CopyBytes = 64 * 1024 * 1024;

    public static async Task MeasureAsync(ChainEnvironment environment, ChainReport report)
    {
        await MeasurePluginAsync(environment, report);
        foreach (var path in new[] { environment.Direct, environment.Mesh })
        {
            var image = $"nginx:1.{report.Rollout.Count + 28}";
            try
            {
                report.Rollout[path.Name] = (await KubectlRuns.RolloutStatusAsync(path.Kubeconfig, environment.Direct.Kubeconfig, image, environment.ToolEnvironment)).ToString("0", CultureInfo.InvariantCulture) + " ms";
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                report.Rollout[path.Name] = "failed: " + exception.Message.Split('\n', 2)[0];
            }
        }

        await MeasureCopyAsync(environment, report);
    }

    private static async Task MeasurePluginAsync(ChainEnvironment environment, ChainReport report)
    {
        // The token is cached by now (the kubectl runs minted it): this is the plugin's own start-up cost.
        for (var i = 0; i < 5; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await environment.Stack.AnkraAsync("cluster", "kube-token", "--cluster", environment.Stack.ClusterId);
            if (result.ExitCode == 0)
            {
                report.PluginMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }

    private static async Task MeasureCopyAsync(ChainEnvironment environment, ChainReport report)
    {
        var file = Path.Combine(environment.Stack.Directory, "cp-64M.bin");
        var data = new byte[CopyBytes];
        new Random(42).NextBytes(data);
        await File.WriteAllBytesAsync(file, data);
        // The machine's own share: the same echo loop, direct, beside the direct copy. On two cores a copy keeps both
        // busy, so an echo waits for a core whichever path it takes; this is the baseline for the mesh's figure.
        var direct = await CopyWithEchoAsync(environment.Direct, file, environment);
        report.Copy[environment.Direct.Name] = direct.Copy;
        report.DirectEchoDuringCopyMs.AddRange(direct.Echo);

        // Interactive beside bulk: the echo loop runs through the mesh while the mesh copy does.
        var mesh = await CopyWithEchoAsync(environment.Mesh, file, environment);
        report.Copy[environment.Mesh.Name] = mesh.Copy;
        report.EchoDuringCopyMs.AddRange(mesh.Echo);

        File.Delete(file);
    }

    /// <summary><c>kubectl cp</c> both ways over <paramref name="path"/> with an exec echo loop beside it (its latencies only if the copy worked).</summary>
    private static async Task<((double Up, double Down, string? Error) Copy, List<double> Echo)> CopyWithEchoAsync(ChainPath path, string file, ChainEnvironment environment)
    {
        using var stop = new CancellationTokenSource();
        var echo = EchoUntilStoppedAsync(path, stop.Token);
        var copy = await KubectlRuns.CopyAsync(path.Kubeconfig, file, environment.ToolEnvironment);
        await stop.CancelAsync();
        var latencies = await echo;
        return (copy, copy.Error is null ? latencies : []);
    }

    private static async Task<List<double>> EchoUntilStoppedAsync(ChainPath path, CancellationToken stop)
    {
        var latencies = new List<double>();
        while (!stop.IsCancellationRequested && latencies.Count < 100_000)
        {
            try
            {
                latencies.AddRange(await ExecChannelClient.EchoAsync(path, 100, stop));
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or InvalidOperationException)
            {
                break;
            }
        }

        return latencies;
    }
}
