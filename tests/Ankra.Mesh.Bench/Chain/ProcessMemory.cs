using System.Globalization;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>Resident memory of a process from <c>/proc/&lt;pid&gt;/status</c>: VmRSS and its private (anonymous) part, KiB.</summary>
internal readonly record struct ProcessMemory(long RssKib, long PrivateKib)
{
    public static ProcessMemory Read(int pid)
    {
        long rss = 0, anonymous = 0;
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kib(line);
            }
        }

        return new ProcessMemory(rss, anonymous);
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
