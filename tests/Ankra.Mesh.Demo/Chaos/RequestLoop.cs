using System.Diagnostics;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// Runs one kind of request again and again until stopped, recording each one, and lets the suite wait for the
/// event it cares about: the first success of a request that started after a given moment.
/// </summary>
internal sealed class RequestLoop(string name, Stopwatch clock, Func<CancellationToken, Task<string?>> operation, TimeSpan pause)
{
    private readonly List<OperationRecord> _records = [];
    private readonly List<(TimeSpan After, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _lock = new();
    private Task _running = Task.CompletedTask;

    public string Name { get; } = name;

    public IReadOnlyList<OperationRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records];
            }
        }
    }

    public void Start(CancellationToken stop) => _running = Task.Run(() => RunAsync(stop), CancellationToken.None);

    public Task StoppedAsync() => _running;

    /// <summary>Completes when a request that started at or after <paramref name="after"/> succeeds.</summary>
    public Task SucceededSinceAsync(TimeSpan after)
    {
        lock (_lock)
        {
            if (_records.Any(r => r.Ok && r.Start >= after))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((after, done));
            return done.Task;
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var start = clock.Elapsed;
            string? error;
            try
            {
                // A request is never cut by the stop: it runs to its own end, so what it did is known.
                error = await operation(CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }

            Record(new OperationRecord(Name, start, clock.Elapsed, error is null, error));
            try
            {
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Record(OperationRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
            if (!record.Ok)
            {
                return;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (record.Start >= _waiters[i].After)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
