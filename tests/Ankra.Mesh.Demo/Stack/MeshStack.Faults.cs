using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>
/// Failover tests and <c>./mesh chaos</c>: kill an edge or a silo by its process id and start it again with the
/// same settings and ports (HAProxy's configuration names the edges' ports, Orleans' membership the silos').
/// </summary>
public sealed partial class MeshStack
{
    private readonly List<Dictionary<string, string>> _siloSettings = [];
    private readonly List<Dictionary<string, string>> _edgeSettings = [];

    /// <summary>The Orleans database (clustering and grain state) in durable set-ups; empty otherwise.</summary>
    public string OrleansConnectionString { get; private set; } = "";

    /// <summary>SIGKILLs edge <paramref name="index"/> and waits until it is gone; <see cref="RestartEdgeAsync"/> brings it back.</summary>
    public Task KillEdgeAsync(int index) => KillAsync(Edges[index]);

    /// <summary>Starts edge <paramref name="index"/> again on its ports; returns once it listens.</summary>
    public async Task RestartEdgeAsync(int index) => Edges[index] = await StartEdgeProcessAsync(index);

    /// <summary>SIGKILLs silo <paramref name="index"/> and waits until it is gone; <see cref="RestartSiloAsync"/> brings it back.</summary>
    public Task KillSiloAsync(int index) => KillAsync(Silos[index]);

    /// <summary>Starts silo <paramref name="index"/> again with its settings; returns once it listens.</summary>
    public async Task RestartSiloAsync(int index) => Silos[index] = await StartSiloProcessAsync(index);

    private async Task KillAsync(ChildProcess process)
    {
        process.Signal(UnixSignal.Kill);
        await process.Exited.WaitAsync(StartTimeout);
        _owned.Remove(process);
        await process.DisposeAsync();
    }

    private async Task<ChildProcess> StartSiloProcessAsync(int index)
    {
        var name = index == 0 ? "silo" : $"silo-{index}";
        var silo = Own(ChildProcess.Start(name, MeshBinaries.StartInfo("Ankra.Mesh.Silo", _siloSettings[index]), logFile: LogFile(name)));
        await silo.WaitForLineAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), StartTimeout);
        return silo;
    }

    private async Task<ChildProcess> StartEdgeProcessAsync(int index)
    {
        var name = index == 0 ? "edge" : $"edge-{index}";
        // Durable stacks run edges as Orleans clients of the silos; otherwise each edge holds the grains itself (Standalone).
        var binary = _options.Durable ? "Ankra.Mesh.Edge" : "Ankra.Mesh.Standalone";
        var edge = Own(ChildProcess.Start(name, MeshBinaries.StartInfo(binary, _edgeSettings[index]), logFile: LogFile(name)));
        await edge.WaitForLineAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), StartTimeout);
        return edge;
    }
}
