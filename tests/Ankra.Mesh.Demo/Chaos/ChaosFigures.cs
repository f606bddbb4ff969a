namespace Ankra.Mesh.Demo.Chaos;

/// <summary>Turns one round's records into its <see cref="ChaosRow"/>.</summary>
internal static class ChaosFigures
{
    private static readonly string[] NewRequestLoops = ["get", "create"];

    public static async Task<ChaosRow> ComputeAsync(ChaosFault fault, InjectedFault injected, ChaosLoad load, int watchEdge, int watchAgent, bool recovered, bool servedAgain, string how)
    {
        var at = injected.At;
        var records = load.Loops.SelectMany(loop => loop.Records).Where(r => r.End >= at).ToList();
        var failures = records.Where(r => !r.Ok).ToList();
        var watch = load.Watch.Compare();
        var logs = load.Logs.Compare();
        var mutations = await load.CompareMutationsAsync();
        return new ChaosRow
        {
            Fault = fault,
            Victim = $"{injected.Victim} (watch via edge-{watchEdge}, agent-{watchAgent})",
            Requests = records.Count,
            Failed = load.Loops.ToDictionary(loop => loop.Name, loop => failures.Count(r => r.Loop == loop.Name)),
            GetsFailedAfterFirstSecond = failures.Count(r => r.Loop == "get" && r.Start > at + TimeSpan.FromSeconds(1)),
            FailedAfterTakenOut = injected.TakenOutAt is { } takenOut ? failures.Count(r => NewRequestLoops.Contains(r.Loop) && r.Start >= takenOut) : null,
            TakenOutAfter = injected.TakenOutAt - at,
            LongestStall = load.Loops.Select(loop => LongestStall(loop.Records, at)).Max(),
            AllSucceedAfter = SucceedAfter(records, at),
            NewRequestsSucceedAfter = SucceedAfter([.. records.Where(r => NewRequestLoops.Contains(r.Loop))], at),
            WatchContinued = load.Watch.EndedAt is null,
            WatchEvents = watch.Events,
            WatchMissed = watch.Missed,
            WatchDuplicated = watch.Duplicated + watch.Unknown,
            WatchEnd = load.Watch.EndedAt is { } ended
                ? $"+{(ended - at).TotalSeconds:0.0} s, exit {load.Watch.ExitCode}, {(load.Watch.LastMessage is { } message ? $"\"{message}\"" : "no message")}"
                : "",
            LogsContinued = load.Logs.EndedAt is null,
            LogLinesMissing = logs.Missing,
            LogLinesDuplicated = logs.Duplicated,
            ExecSessionsCut = load.ExecCuts.Count(cut => cut >= at),
            PortForwardsCut = load.PortForwardCuts.Count(cut => cut >= at),
            CreatesAcknowledged = mutations.Acknowledged,
            CreatesLost = mutations.Lost,
            CreatesDuplicated = mutations.Duplicated,
            CreatesAppliedButFailed = mutations.AppliedButFailed,
            PeersRecovered = recovered,
            ServedAgain = servedAgain,
            Recovery = how,
        };
    }

    // From the fault until the first request that started after the last failed one (zero when none failed).
    private static TimeSpan SucceedAfter(IReadOnlyList<OperationRecord> records, TimeSpan at)
    {
        var failures = records.Where(r => !r.Ok).ToList();
        if (failures.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var lastFailure = failures.Max(r => r.Start);
        return records.Where(r => r.Ok && r.Start > lastFailure).Select(r => r.Start).DefaultIfEmpty(records.Max(r => r.End)).Min() - at;
    }

    // From the fault on, the longest time between two successful completions of one loop (the first measured from the fault).
    private static TimeSpan LongestStall(IReadOnlyList<OperationRecord> records, TimeSpan at)
    {
        var longest = TimeSpan.Zero;
        var previous = at;
        foreach (var end in records.Where(r => r.Ok && r.End >= at).Select(r => r.End).Order())
        {
            longest = end - previous > longest ? end - previous : longest;
            previous = end;
        }

        return longest;
    }
}
