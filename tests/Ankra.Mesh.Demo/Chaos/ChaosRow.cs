namespace Ankra.Mesh.Demo.Chaos;

/// <summary>What one fault did to the load: one row of <c>./mesh chaos</c>'s table, and what the failover tests assert.</summary>
public sealed class ChaosRow
{
    public required ChaosFault Fault { get; init; }

    /// <summary>The process hit, e.g. <c>edge-0</c>, and where the watch was served.</summary>
    public required string Victim { get; init; }

    public required int Requests { get; init; }

    /// <summary>Requests that failed from the fault to the end of the round (restart included), by loop.</summary>
    public required IReadOnlyDictionary<string, int> Failed { get; init; }

    /// <summary>Failed <c>get</c>s that started more than 1 s after the fault.</summary>
    public required int GetsFailedAfterFirstSecond { get; init; }

    /// <summary>For a frozen edge: requests that started after HAProxy took it out and failed.</summary>
    public int? FailedAfterTakenOut { get; init; }

    /// <summary>For a frozen edge: how long HAProxy took to take it out.</summary>
    public TimeSpan? TakenOutAfter { get; init; }

    /// <summary>The longest time any loop went without completing a successful request, from the fault on.</summary>
    public required TimeSpan LongestStall { get; init; }

    /// <summary>From the fault until the first request after which every request of every loop succeeded (zero when none failed).</summary>
    public required TimeSpan AllSucceedAfter { get; init; }

    /// <summary>The same for new requests only (the <c>get</c> and <c>create</c> loops, each a new kubectl command).</summary>
    public required TimeSpan NewRequestsSucceedAfter { get; init; }

    /// <summary>Whether the watch went on by itself (kubectl's process never ended).</summary>
    public required bool WatchContinued { get; init; }

    public required int WatchEvents { get; init; }

    public required int WatchMissed { get; init; }

    public required int WatchDuplicated { get; init; }

    /// <summary>How the watch ended when it did (kubectl's last line), else empty.</summary>
    public required string WatchEnd { get; init; }

    public required bool LogsContinued { get; init; }

    public required int LogLinesMissing { get; init; }

    public required int LogLinesDuplicated { get; init; }

    public required int ExecSessionsCut { get; init; }

    public required int PortForwardsCut { get; init; }

    public required int CreatesAcknowledged { get; init; }

    public required int CreatesLost { get; init; }

    public required int CreatesDuplicated { get; init; }

    /// <summary>Creates kubectl saw fail whose object exists (an ambiguous outcome, as with any lost response; not a loss).</summary>
    public required int CreatesAppliedButFailed { get; init; }

    public required bool PeersRecovered { get; init; }

    /// <summary>Every load loop succeeded again after the fault and after the restore, within the round's deadline.</summary>
    public required bool ServedAgain { get; init; }

    public required string Recovery { get; init; }

    /// <summary>Watch resumed with neither a gap nor a duplicate (kubectl's watch never ended).</summary>
    public bool WatchWithoutGap => WatchContinued && WatchMissed == 0 && WatchDuplicated == 0;

    public int FailedTotal => Failed.Values.Sum();
}
