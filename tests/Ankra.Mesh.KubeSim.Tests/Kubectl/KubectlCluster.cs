using System.Diagnostics;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>
/// One KubeSim per test class, with kubeconfigs for an admin (<c>system:masters</c>) and for alice (no
/// roles), and a fresh HOME and kubectl cache so discovery caches never leak between classes.
/// Every kubectl run has a timeout and is killed by its process id if it hangs.
/// </summary>
public sealed class KubectlCluster : IAsyncLifetime
{
    public const string AdminToken = "admin-token";
    public const string AliceToken = "alice-token";
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly string _home = Directory.CreateTempSubdirectory("kubesim-kubectl-").FullName;

    public KubeSimHost Server { get; private set; } = null!;

    public string AdminConfig => Path.Combine(_home, "admin.kubeconfig");

    public string AliceConfig => Path.Combine(_home, "alice.kubeconfig");

    public static string Binary(string version) => $"/usr/lib/google-cloud-sdk/bin/kubectl.{version}";

    public async Task InitializeAsync()
    {
        Server = await KubeSimHost.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Server.AddUserToken(AdminToken, "admin", "system:masters");
        Server.AddUserToken(AliceToken, "alice", "developers");
        await File.WriteAllTextAsync(AdminConfig, Server.Kubeconfig(AdminToken));
        await File.WriteAllTextAsync(AliceConfig, Server.Kubeconfig(AliceToken));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>Writes a file (a manifest) into this class's temporary folder, removed with it.</summary>
    public async Task<string> WriteFileAsync(string name, string content)
    {
        var file = Path.Combine(_home, name);
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    /// <summary>Runs <c>kubectl.{version} args…</c> as admin (or with <paramref name="kubeconfig"/>) to completion.</summary>
    public async Task<KubectlResult> RunAsync(string version, string[] args, string? kubeconfig = null, string? stdin = null, IDictionary<string, string>? environment = null)
    {
        var start = StartInfo(version, args, kubeconfig, environment);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            UnixSignal.Send(process.Id, UnixSignal.Kill);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {CommandTimeout}");
        }

        return new KubectlResult(process.ExitCode, await output.WaitAsync(CommandTimeout), await error.WaitAsync(CommandTimeout));
    }

    /// <summary>Starts a long-running kubectl (<c>get -w</c>, <c>logs -f</c>) that the test stops by disposing it.</summary>
    public ChildProcess Start(string version, string[] args, string? kubeconfig = null) =>
        ChildProcess.Start($"kubectl.{version}", StartInfo(version, args, kubeconfig, null));

    private ProcessStartInfo StartInfo(string version, string[] args, string? kubeconfig, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Binary(version)) { UseShellExecute = false };
        // First, so it never lands after a "--" (kubectl exec POD -- COMMAND), where it would be the command's argument.
        start.ArgumentList.Add($"--cache-dir={Path.Combine(_home, "cache", version)}");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = kubeconfig ?? AdminConfig;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
