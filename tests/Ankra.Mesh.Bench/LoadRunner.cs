using System.Diagnostics;

namespace Ankra.Mesh.Bench;

/// <summary>The three loads, each run the same way against the direct and the tunnelled client.</summary>
internal static class LoadRunner
{
    /// <summary>Small GETs by <paramref name="concurrency"/> workers for <paramref name="duration"/>; latencies in ms.</summary>
    public static async Task<(List<double> Latencies, double Rps)> SmallGetsAsync(HttpClient client, int concurrency, TimeSpan duration)
    {
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = [];
            var buffer = new byte[1024];
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync("small", HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0)
                {
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).ToList();
        return (all, all.Count / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Downloads <paramref name="length"/> bytes; returns MB/s (MB = 10^6 bytes).</summary>
    public static async Task<double> DownloadAsync(HttpClient client, long length)
    {
        var buffer = new byte[128 * 1024];
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"bytes?length={length}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        if (total != length)
        {
            throw new InvalidOperationException($"downloaded {total} of {length} bytes");
        }

        return length / 1e6 / clock.Elapsed.TotalSeconds;
    }

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
