using System.Diagnostics;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// The failover suite on a running scaled-out stack (<see cref="MeshStackOptions.HighAvailability"/>): per fault, a
/// fresh namespace and the mixed load of <see cref="ChaosLoad"/>, the fault, an observation window until every load
/// loop succeeds again, the victim restored (so the next fault starts from a whole stack) and the load observed until
/// it succeeds again after that too; then the figures of one <see cref="ChaosRow"/>. Used by the failover tests and
/// by <c>./mesh chaos</c>.
/// </summary>
public sealed class ChaosSuite(MeshStack stack, Action<string> log)
{
    /// <summary>How long the load may take to succeed again after a fault or a restore before the round gives up waiting.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);

    /// <summary>The load runs on this long after every loop succeeded again, before the victim is restored.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan WatchCatchUp = TimeSpan.FromSeconds(30);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _round;

    public async Task<ChaosRow> RunAsync(ChaosFault fault, CancellationToken cancellationToken = default)
    {
        var ns = $"chaos-{++_round}-{fault.ToString().ToLowerInvariant()}";
        var (watchEdge, watchAgent) = (-1, -1);
        log($"{fault}: starting the load in namespace {ns}");
        await using var load = await ChaosLoad.StartAsync(stack, ns, _clock,
            async open => (watchEdge, watchAgent) = await StreamPlacement.FindAsync(stack, open), cancellationToken);
        var injected = await new FaultInjector(stack, _clock).InjectAsync(fault, watchEdge, watchAgent);
        log($"{fault}: {injected.Victim} hit at {_clock.Elapsed.TotalSeconds:0.0} s (the watch is served by edge-{watchEdge}, agent-{watchAgent})");

        var serving = await WaitAsync(load, injected.TakenOutAt ?? injected.At);

        // Not waits for an event: measurement windows. The load runs on with the fault in place (a frozen edge stays frozen
        // long enough to show that HAProxy keeps it out), and again after the restore, so the table counts what users see then.
        await Task.Delay(fault == ChaosFault.EdgeFrozen ? FaultInjector.FrozenAfterTakenOut : Settle, cancellationToken);
        var (recovered, how) = await injected.RestoreAsync();
        var restoredAt = _clock.Elapsed;
        log($"{fault}: restored ({how}) {(restoredAt - injected.At).TotalSeconds:0.0} s after the fault");
        serving &= await WaitAsync(load, restoredAt);
        await Task.Delay(Settle, cancellationToken);
        await load.StopAsync();
        await load.Watch.CatchUpAsync(WatchCatchUp);

        var row = await ChaosFigures.ComputeAsync(fault, injected, load, watchEdge, watchAgent, recovered, serving, serving ? how : $"{how}; the load did not succeed again within {RecoveryDeadline.TotalSeconds:0} s");
        log(ChaosTable.Format([row]).Split('\n')[2]);
        return row;
    }

    // Every loop succeeds with a request started after `from`: false when that did not happen in time (the row shows it).
    private static async Task<bool> WaitAsync(ChaosLoad load, TimeSpan from)
    {
        try
        {
            await load.AllSucceededSinceAsync(from, RecoveryDeadline);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
