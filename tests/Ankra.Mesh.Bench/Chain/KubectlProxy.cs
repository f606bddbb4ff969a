using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// <c>kubectl proxy</c> against KubeSim directly (plain HTTP on a loopback port). Its default
/// <c>--reject-paths</c> refuses exec and attach, so that filter is replaced with one that matches nothing.
/// </summary>
internal sealed class KubectlProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private KubectlProxy(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static async Task<KubectlProxy> StartAsync(string kubeconfig, IReadOnlyDictionary<string, string?> environment)
    {
        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo(KubectlBinary.PathFor("1.33"))
        {
            ArgumentList =
            {
                "--kubeconfig", kubeconfig, "proxy", "--address=127.0.0.1", $"--port={port.ToString(CultureInfo.InvariantCulture)}",
                "--reject-paths=^/ankra-bench-rejects-nothing$",
            },
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = ChildProcess.Start("kubectl proxy", startInfo);
        var proxy = new KubectlProxy(process, port);
        try
        {
            await process.WaitForLineAsync(line => line.Contains("Starting to serve on", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
