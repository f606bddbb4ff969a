using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// A <c>kubectl get -w</c> through the mesh beside the same watch straight on the API server: the API server's
/// events are the truth, and after the round every one of them must have reached kubectl exactly once. Only
/// creates happen in the watched namespace, so kubectl's initial list (printed as ADDED) and the events it
/// watched are the same lines as the API server's events (type, name, resourceVersion).
/// </summary>
internal sealed class WatchComparison : IAsyncDisposable
{
    private readonly Stopwatch _clock;
    private readonly Lock _lock = new();
    private readonly List<string> _truth = [];
    private readonly List<string> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient? _direct;
    private Task _truthReader = Task.CompletedTask;

    private WatchComparison(Stopwatch clock) => _clock = clock;

    public ChildProcess Kubectl { get; private set; } = null!;

    /// <summary>When kubectl's watch ended by itself (null while it runs).</summary>
    public TimeSpan? EndedAt { get; private set; }

    /// <summary>kubectl's exit code once it ended.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The last line kubectl printed that was not an event (its error, if it printed one).</summary>
    public string? LastMessage { get; private set; }

    public static async Task<WatchComparison> StartAsync(MeshStack stack, string ns, Stopwatch clock, CancellationToken cancellationToken)
    {
        var watch = new WatchComparison(clock);
        watch._direct = stack.DirectKubeClient(HttpVersion.Version11);
        // The API server's own watch starts first (its response head means the watcher is registered), so it sees every create.
        var response = await watch._direct.GetAsync(new Uri($"api/v1/namespaces/{ns}/configmaps?watch=1", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        watch._truthReader = Task.Run(() => watch.ReadTruthAsync(response), CancellationToken.None);
        watch.Kubectl = ChaosKubectl.Start(stack, watch.OnKubectlLine, standardInput: false,
            "get", "configmaps", "-n", ns, "--watch", "--output-watch-events",
            "-o", "jsonpath={.type} {.object.metadata.name} {.object.metadata.resourceVersion}{\"\\n\"}");
        _ = watch.Kubectl.Exited.ContinueWith(exited =>
        {
            watch.ExitCode = exited.Result;
            watch.EndedAt = clock.Elapsed;
        }, TaskScheduler.Default);
        return watch;
    }

    /// <summary>Waits until kubectl has printed every event the API server sent (or its watch ended, or time ran out).</summary>
    public async Task CatchUpAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested && EndedAt is null)
        {
            Task changed;
            lock (_lock)
            {
                if (_truth.All(_seen.Contains))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Events the API server sent that kubectl never printed, and events kubectl printed more than once.</summary>
    public (int Events, int Missed, int Duplicated, int Unknown) Compare()
    {
        lock (_lock)
        {
            var missed = _truth.Count(e => !_seen.Contains(e));
            var duplicated = _seen.GroupBy(e => e).Sum(g => g.Count() - 1);
            var unknown = _seen.Distinct().Count(e => !_truth.Contains(e));
            return (_truth.Count, missed, duplicated, unknown);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Kubectl is not null)
        {
            await Kubectl.DisposeAsync();
        }

        _direct?.Dispose();
        await _truthReader;
        _stop.Dispose();
    }

    private async Task ReadTruthAsync(HttpResponseMessage response)
    {
        using var _ = response;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var change = JsonNode.Parse(line);
                var metadata = change?["object"]?["metadata"];
                Add(_truth, $"{change?["type"]} {metadata?["name"]} {metadata?["resourceVersion"]}");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
        }
    }

    private void OnKubectlLine(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length == 3 && parts[0] is "ADDED" or "MODIFIED" or "DELETED")
        {
            Add(_seen, line.Trim());
        }
        else if (!string.IsNullOrWhiteSpace(line))
        {
            LastMessage = line.Trim();
        }
    }

    private void Add(List<string> list, string item)
    {
        lock (_lock)
        {
            list.Add(item);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
