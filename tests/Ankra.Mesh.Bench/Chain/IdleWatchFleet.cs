using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// N idle watches of one pod through one HTTP/2 client (several connections, ~100 streams each). Each watch
/// counts as open once its first event (the pod's ADDED) arrived; then it waits for the next event.
/// <see cref="AllSawChange"/> completes when every open watch has seen one more event.
/// </summary>
internal sealed class IdleWatchFleet : IDisposable
{
    private const string Watch = "api/v1/namespaces/demo/pods?watch=1&fieldSelector=metadata.name%3Dweb-0&timeoutSeconds=1800";
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly TaskCompletionSource _allSawChange = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _sawChange;
    private int _failed;

    private readonly IReadOnlyList<AuthenticationHeaderValue> _users;

    /// <summary>A fleet whose watches go round-robin over <paramref name="kubeTokens"/> (the path's own token when none).</summary>
    public IdleWatchFleet(ChainPath path, IReadOnlyList<string>? kubeTokens = null)
    {
        _users = kubeTokens is { Count: > 0 }
            ? [.. kubeTokens.Select(token => new AuthenticationHeaderValue("Bearer", token))]
            : [path.Http.DefaultRequestHeaders.Authorization!];
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            SslOptions = path.CreateSslOptions(),
        };
        _client = new HttpClient(handler)
        {
            BaseAddress = path.BaseUri,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public int Open => Volatile.Read(ref _open);

    public int Failed => Volatile.Read(ref _failed);

    public int SawChange => Volatile.Read(ref _sawChange);

    public string? FirstError { get; private set; }

    public Task AllSawChange => _allSawChange.Task;

    /// <summary>Opens <paramref name="count"/> watches, at most <paramref name="parallel"/> opening at a time, within <paramref name="budget"/>.</summary>
    public async Task OpenAsync(int count, int parallel, TimeSpan budget)
    {
        using var gate = new SemaphoreSlim(parallel);
        var openings = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && clock.Elapsed < budget && Failed < 100; i++)
        {
            await gate.WaitAsync(_stop.Token);
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readers.Add(ReadAsync(opened, _users[i % _users.Count]));
            openings.Add(opened.Task.ContinueWith(_ => Release(gate), TaskScheduler.Default));
        }

        // The last openings (each completes on its first event or its failure), bounded.
        await Task.WhenAny(Task.WhenAll(openings), Task.Delay(TimeSpan.FromSeconds(30)));
    }

    // An opening that outlives the bounded wait releases a gate that is already gone.
    private static void Release(SemaphoreSlim gate)
    {
        try
        {
            gate.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(TaskCompletionSource opened, AuthenticationHeaderValue user)
    {
        try
        {
            // A request made by hand does not take the client's default version: HTTP/2 must be asked for, or every
            // watch opens an HTTP/1.1 connection of its own.
            using var request = new HttpRequestMessage(HttpMethod.Get, Watch)
            {
                Version = _client.DefaultRequestVersion,
                VersionPolicy = _client.DefaultVersionPolicy,
                Headers = { Authorization = user },
            };
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(body, bufferSize: 256);
            if (await reader.ReadLineAsync(_stop.Token) is null)
            {
                throw new IOException("the watch ended before its first event");
            }

            Interlocked.Increment(ref _open);
            opened.TrySetResult();
            if (await reader.ReadLineAsync(_stop.Token) is not null && Interlocked.Increment(ref _sawChange) == Open)
            {
                _allSawChange.TrySetResult();
            }

            await reader.ReadLineAsync(_stop.Token);
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failed);
            FirstError ??= $"{exception.GetType().Name}: {exception.Message}";
        }
        catch (Exception)
        {
            // Stopped: expected.
        }
        finally
        {
            opened.TrySetResult();
        }
    }
}
