using System.Diagnostics;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>Whole kubectl commands, timed from process start to exit (credential plugin included).</summary>
internal static class KubectlRuns
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(100);

    /// <summary><c>kubectl get pods</c> (1.33) with <paramref name="kubeconfig"/>; wall time in ms.</summary>
    public static async Task<double> GetPodsAsync(string kubeconfig, IReadOnlyDictionary<string, string?> environment)
    {
        var (result, ms) = await TimeAsync("1.33", environment, "--kubeconfig", kubeconfig, "get", "pods", "-n", "demo");
        return result.ExitCode == 0 ? ms : throw new InvalidOperationException($"kubectl get pods failed:\n{result}");
    }

    /// <summary>Changes the bench deployment's image (untimed, through <paramref name="setupKubeconfig"/>), then times kubectl 1.27 <c>rollout status</c>.</summary>
    public static async Task<double> RolloutStatusAsync(string kubeconfig, string setupKubeconfig, string image, IReadOnlyDictionary<string, string?> environment)
    {
        var (set, _) = await TimeAsync("1.33", environment, "--kubeconfig", setupKubeconfig, "-n", "demo", "set", "image",
            $"deployment/{ChainEnvironment.RolloutDeployment}", $"app={image}");
        if (set.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl set image failed:\n{set}");
        }

        var (result, ms) = await TimeAsync("1.27", environment, "--kubeconfig", kubeconfig, "-n", "demo", "rollout", "status",
            $"deployment/{ChainEnvironment.RolloutDeployment}", "--timeout=90s");
        return result.ExitCode == 0 ? ms : throw new InvalidOperationException($"rollout status failed after {ms:0} ms:\n{result}");
    }

    /// <summary><c>kubectl cp</c> (1.33, tar over exec) of <paramref name="localFile"/> into web-0 and back; MB/s each way, or why not.</summary>
    public static async Task<(double Up, double Down, string? Error)> CopyAsync(string kubeconfig, string localFile, IReadOnlyDictionary<string, string?> environment)
    {
        var size = new FileInfo(localFile).Length;
        var remote = $"demo/web-0:/tmp/{Path.GetFileName(localFile)}";
        var (up, upMs) = await TimeAsync("1.33", environment, "--kubeconfig", kubeconfig, "cp", localFile, remote);
        if (up.ExitCode != 0)
        {
            return (0, 0, Reason(up));
        }

        var back = localFile + ".back";
        File.Delete(back);
        var (down, downMs) = await TimeAsync("1.33", environment, "--kubeconfig", kubeconfig, "cp", remote, back);
        if (down.ExitCode != 0 || !File.Exists(back) || new FileInfo(back).Length != size)
        {
            return (size / 1e3 / upMs, 0, down.ExitCode != 0 ? Reason(down) : "copied file differs in size");
        }

        File.Delete(back);
        return (size / 1e3 / upMs, size / 1e3 / downMs, null);
    }

    private static string Reason(ProcessResult result)
    {
        var text = (result.StandardError + result.StandardOutput).Trim();
        var firstLine = text.Split('\n', 2)[0];
        return text.Contains("tar", StringComparison.OrdinalIgnoreCase) ? $"n/a (no tar in KubeSim: {firstLine})" : $"failed: {firstLine}";
    }

    private static async Task<(ProcessResult Result, double Ms)> TimeAsync(string version, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await CommandRunner.RunAsync(KubectlBinary.PathFor(version), arguments, environment, timeout: CommandTimeout);
        return (result, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
