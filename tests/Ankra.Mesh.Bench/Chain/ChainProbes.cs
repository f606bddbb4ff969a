using System.Diagnostics;
using System.Net.Http.Headers;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>The HTTP measurements, each run the same way on every <see cref="ChainPath"/>.</summary>
internal static class ChainProbes
{
    private const string SmallGet = "api/v1/namespaces/demo/pods/web-0";
    private const string IdleWatch = "api/v1/namespaces/demo/pods?watch=1&timeoutSeconds=3&fieldSelector=metadata.name%3Dnone";
    private static readonly string BulkList = $"api/v1/namespaces/{ChainEnvironment.BulkNamespace}/configmaps";

    /// <summary>Single-pod GETs (JSON) by <paramref name="concurrency"/> workers for <paramref name="duration"/>.</summary>
    public static async Task<(List<double> LatenciesMs, double Rps, int Failures, string? Error)> SmallGetsAsync(
        ChainPath path, int concurrency, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        string? error = null;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var mine = latencies[w] = [];
            var buffer = new byte[16 * 1024];
            while (clock.Elapsed < duration && failures < 100)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, SmallGet);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    using var response = await path.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    while (await body.ReadAsync(buffer, cancellationToken) > 0)
                    {
                    }

                    if (!response.IsSuccessStatusCode)
                    {
                        throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
                    }

                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    error ??= exception.Message;
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).ToList();
        return (all, all.Count / clock.Elapsed.TotalSeconds, failures, error);
    }

    /// <summary>LISTs the bulk namespace; fails (never throws) unless the body equals <paramref name="reference"/>.</summary>
    public static async Task<(bool Ok, double MegabytesPerSecond, string? Error)> ListAsync(ChainPath path, byte[] reference, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, BulkList);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await path.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var seconds = clock.Elapsed.TotalSeconds;
            if (!response.IsSuccessStatusCode)
            {
                return (false, 0, $"HTTP {(int)response.StatusCode}");
            }

            return body.AsSpan().SequenceEqual(reference)
                ? (true, body.Length / 1e6 / seconds, null)
                : (false, 0, $"body differs from direct ({body.Length} vs {reference.Length} bytes)");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            return (false, 0, $"{exception.GetType().Name}: {Innermost(exception).Message}");
        }
    }

    /// <summary>Time until the response head of a watch that matches nothing arrives (ms).</summary>
    public static async Task<double> WatchHeadAsync(HttpClient client, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(IdleWatch, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        return elapsed;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
