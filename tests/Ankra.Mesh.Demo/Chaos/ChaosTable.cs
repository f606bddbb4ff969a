using System.Globalization;
using System.Text;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>Prints the failover suite's rows as a Markdown table (what <c>./mesh chaos</c> shows and the README quotes).</summary>
public static class ChaosTable
{
    public static string Format(IEnumerable<ChaosRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.AppendLine("| fault | victim | requests failed (get/create/exec/pf) | longest stall | all requests succeed after (get+create; all loops) | get -w (events; missed/dup) | logs -f | exec / port-forward cut | creates acked / lost / dup | peer state recovered |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var failed = string.Join('/', new[] { "get", "create", "exec", "port-forward" }.Select(loop => row.Failed.GetValueOrDefault(loop)));
            var watch = row.WatchContinued
                ? $"{(row.WatchWithoutGap ? "no gap" : "GAP")} ({row.WatchEvents}; {row.WatchMissed}/{row.WatchDuplicated})"
                : $"ended: {row.WatchEnd} ({row.WatchEvents}; {row.WatchMissed}/{row.WatchDuplicated})";
            var logs = row.LogsContinued ? $"continued ({row.LogLinesMissing}/{row.LogLinesDuplicated})" : "ended";
            var frozen = row.TakenOutAfter is { } takenOut
                ? $"; taken out after {Seconds(takenOut)}, {row.FailedAfterTakenOut} failed after"
                : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Fault} | {row.Victim} | {row.FailedTotal} of {row.Requests} ({failed}){frozen} | {Seconds(row.LongestStall)} | {Seconds(row.NewRequestsSucceedAfter)}; {Seconds(row.AllSucceedAfter)} | {watch} | {logs} | {row.ExecSessionsCut} / {row.PortForwardsCut} | {row.CreatesAcknowledged} / {row.CreatesLost} / {row.CreatesDuplicated}{(row.CreatesAppliedButFailed > 0 ? $" (+{row.CreatesAppliedButFailed} applied but failed)" : "")} | {(row.PeersRecovered ? "yes" : "NO")}: {row.Recovery} |");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.0} s");
}
