using System.Diagnostics;
using Ankra.Mesh.Kubeconfig;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// Runs one fixed kubectl version against a server with its own HOME, kubeconfig and cache dir
/// (a temp folder per instance), stopped by pid when the test is done.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(45);

    private readonly string _home = Directory.CreateTempSubdirectory("kubesim-kubectl-").FullName;
    private readonly string _binary;

    public Kubectl(string version, Uri server)
    {
        Version = version;
        _binary = $"/usr/lib/google-cloud-sdk/bin/kubectl.{version}";
        File.WriteAllText(KubeconfigPath, KubeconfigDocument.SingleContext("sim", server.ToString().TrimEnd('/'), token: null, "default").Serialize());
    }

    public string Version { get; }

    private string KubeconfigPath => Path.Combine(_home, "kubeconfig");

    /// <summary>
    /// Runs kubectl to completion with <paramref name="stdin"/> as its stdin (nothing: /dev/null) and
    /// stdout captured to a file (so binary and large output survive); stderr lines are in the result.
    /// </summary>
    public async Task<KubectlResult> RunAsync(string[] args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var stdinPath = "/dev/null";
        if (stdin is not null)
        {
            stdinPath = Path.Combine(_home, $"stdin-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(stdinPath, stdin);
        }

        var stdoutPath = Path.Combine(_home, $"stdout-{Guid.NewGuid():N}");
        var start = ShellWrapped("exec \"$@\" <\"$KUBESIM_STDIN\" >\"$KUBESIM_STDOUT\"", args, environment);
        start.Environment["KUBESIM_STDIN"] = stdinPath;
        start.Environment["KUBESIM_STDOUT"] = stdoutPath;
        var stopwatch = Stopwatch.StartNew();
        await using var process = ChildProcess.Start($"kubectl.{Version}", start);
        var exitCode = await process.Exited.WaitAsync(RunTimeout);
        stopwatch.Stop();
        var output = File.Exists(stdoutPath) ? await File.ReadAllBytesAsync(stdoutPath) : [];
        return new KubectlResult(exitCode, output, process.RecentOutput, stopwatch.Elapsed);
    }

    /// <summary>Starts a long-running kubectl (e.g. port-forward); the caller disposes it, which stops it by pid.</summary>
    public ChildProcess Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(_binary, environment);
        AddArguments(start, args);
        return ChildProcess.Start($"kubectl.{Version}", start);
    }

    /// <summary>
    /// Starts <c>kubectl port-forward pod/web</c> on 127.0.0.1 with the given local→pod port pairs and
    /// returns once kubectl reports the last one forwarded.
    /// </summary>
    public async Task<ChildProcess> StartPortForwardAsync((int Local, int Pod)[] ports, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] args = ["port-forward", "--address=127.0.0.1", "pod/web", .. ports.Select(pair => $"{pair.Local}:{pair.Pod}")];
        var forward = Start(args, environment);
        var (local, pod) = ports[^1];
        try
        {
            await forward.WaitForLineAsync(line => line.Contains($":{local} -> {pod}", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            return forward;
        }
        catch
        {
            await forward.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a long-running kubectl whose stderr goes to <paramref name="stderrPath"/> (complete once it
    /// exited, unlike asynchronously delivered output lines); stdout lines stay observable.
    /// </summary>
    public ChildProcess StartWithStderrFile(string[] args, out string stderrPath)
    {
        stderrPath = Path.Combine(_home, $"stderr-{Guid.NewGuid():N}");
        var start = ShellWrapped("exec \"$@\" 2>\"$KUBESIM_STDERR\"", args, null);
        start.Environment["KUBESIM_STDERR"] = stderrPath;
        return ChildProcess.Start($"kubectl.{Version}", start);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping process: the temp folder is cleaned by the OS eventually.
        }
    }

    // sh only sets up the redirections and then execs kubectl, so the pid we stop is kubectl's.
    private ProcessStartInfo ShellWrapped(string script, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = StartInfo("/bin/sh", environment);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(_binary);
        AddArguments(start, args);
        return start;
    }

    private ProcessStartInfo StartInfo(string fileName, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName);
        start.Environment["HOME"] = _home;
        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment.Remove("KUBECTL_REMOTE_COMMAND_WEBSOCKETS");
        start.Environment.Remove("KUBECTL_PORT_FORWARD_WEBSOCKETS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void AddArguments(ProcessStartInfo start, string[] args)
    {
        start.ArgumentList.Add($"--cache-dir={Path.Combine(_home, "cache")}");
        start.ArgumentList.Add("--request-timeout=30s");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
    }
}
