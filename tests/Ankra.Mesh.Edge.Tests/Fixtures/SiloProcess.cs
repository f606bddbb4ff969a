using System.Diagnostics;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>The built Ankra.Mesh.Silo executable as a child process, restartable on the same ports.</summary>
internal sealed class SiloProcess(string name, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly int _internalPort = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    public ChildProcess? Process { get; private set; }

    /// <summary>The silo's only HTTP listener, the internal one (<c>/readyz</c>, <c>/livez</c>, <c>/metrics</c>).</summary>
    public string InternalUrl => $"http://127.0.0.1:{_internalPort}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { MeshBinaries.PathOf("Ankra.Mesh.Silo") } };
        var all = new Dictionary<string, string>(settings)
        {
            ["Mesh:Orleans:SiloPort"] = EdgeHost.Port(_siloPort),
            ["Mesh:Orleans:GatewayPort"] = EdgeHost.Port(_gatewayPort),
            ["Mesh:Telemetry:InternalUrl"] = InternalUrl,
        };
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        Process = ChildProcess.Start(name, start);
        await Process.WaitForLineAsync(line => line.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL: no graceful shutdown, no deactivation, no membership goodbye.</summary>
    public async Task KillAsync()
    {
        if (Process is not null)
        {
            Process.Signal(UnixSignal.Kill);
            await Process.Exited.WaitAsync(TimeSpan.FromSeconds(20));
            await Process.DisposeAsync();
            Process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }
}
