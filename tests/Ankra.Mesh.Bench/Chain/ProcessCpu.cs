using System.Globalization;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// CPU time a process and its live descendants have used so far (user + system), from <c>/proc/&lt;pid&gt;/stat</c>.
/// The difference over a load phase divided by the requests served says which process a request's cost lives in — on
/// two shared cores, CPU per request is what bounds requests per second. Descendants count because sshd serves each
/// connection in a child process.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ is 100 on every Linux the bench runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    /// <summary>The process alone (the bench's own process is the parent of the whole stack).</summary>
    public static TimeSpan ReadOwn(int pid) => TimeSpan.FromSeconds((Read(pid)?.Ticks ?? 0) / TicksPerSecond);

    public static TimeSpan ReadTree(int pid)
    {
        var stats = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var id) && Read(id) is { } stat)
            {
                stats[id] = stat;
            }
        }

        long total = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var current))
        {
            total += stats.TryGetValue(current, out var own) ? own.Ticks : 0;
            foreach (var (child, stat) in stats)
            {
                if (stat.Parent == current)
                {
                    pending.Push(child);
                }
            }
        }

        return TimeSpan.FromSeconds(total / TicksPerSecond);
    }

    private static (int Parent, long Ticks)? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null; // the process ended while the folder was listed
        }

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed:
        // state is field 3, the parent field 4, utime field 14 and stime field 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks);
    }
}
