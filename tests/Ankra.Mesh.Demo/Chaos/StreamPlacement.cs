using System.Globalization;
using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// Which edge and which agent replica serve a stream: each process counts its open tunnel streams
/// (<c>mesh.tunnel.streams.open</c> on its internal <c>/metrics</c>), so the stream is where that count went up by
/// one when it opened. The suite opens the watch alone, before any other load, to read this without noise.
/// </summary>
internal static class StreamPlacement
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<(int Edge, int Agent)> FindAsync(MeshStack stack, Func<Task> open)
    {
        var edges = stack.EdgeHealthUrls.ToList();
        var agents = stack.AgentInternalUrls.OrderBy(a => a.Key).ToList();
        var edgesBefore = await CountsAsync(edges);
        var agentsBefore = await CountsAsync(agents.Select(a => a.Value));
        await open();

        // The metrics exporter caches a scrape briefly and kubectl lists before it watches: read until exactly one
        // process of each kind holds one stream more than before (no event announces it, so this polls).
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var edge = Grown(edgesBefore, await CountsAsync(edges));
            var agent = Grown(agentsBefore, await CountsAsync(agents.Select(a => a.Value)));
            if (edge >= 0 && agent >= 0)
            {
                return (edge, agents[agent].Key);
            }

            if (deadline.IsCancellationRequested)
            {
                return (-1, -1);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    private static int Grown(IReadOnlyList<long> before, IReadOnlyList<long> after)
    {
        var grown = Enumerable.Range(0, before.Count).Where(i => after[i] == before[i] + 1).ToList();
        var others = Enumerable.Range(0, before.Count).Count(i => after[i] != before[i]);
        return grown.Count == 1 && others == 1 ? grown[0] : -1;
    }

    private static async Task<IReadOnlyList<long>> CountsAsync(IEnumerable<string> urls) =>
        await Task.WhenAll(urls.Select(OpenStreamsAsync));

    private static async Task<long> OpenStreamsAsync(string baseUrl)
    {
        var metrics = await Http.GetStringAsync(new Uri($"{baseUrl}/metrics"));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("mesh_tunnel_streams_open", StringComparison.Ordinal))
            .Sum(Value);
    }

    // `name{labels} value [timestamp]`
    private static long Value(string line)
    {
        var labelsEnd = line.LastIndexOf('}');
        var afterLabels = line[(labelsEnd >= 0 ? labelsEnd + 1 : line.IndexOf(' ', StringComparison.Ordinal))..].Trim();
        return (long)double.Parse(afterLabels.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
