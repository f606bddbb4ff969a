namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// Counts the upgraded exec/attach/port-forward sessions that are still running, so tests (and later
/// metrics) can see that a session's resources are released when the client goes away.
/// </summary>
internal sealed class StreamingSessions
{
    private readonly Lock _lock = new();
    private readonly List<(Func<int, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private int _active;

    /// <summary>Sessions currently running.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Completes when the number of running sessions satisfies <paramref name="condition"/>.</summary>
    public Task WaitForAsync(Func<int, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        lock (_lock)
        {
            if (condition(_active))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Marks a session as started; disposing the result marks it as ended.</summary>
    public IDisposable Start()
    {
        Change(+1);
        return new Session(this);
    }

    private void Change(int delta)
    {
        lock (_lock)
        {
            _active += delta;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_active))
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class Session(StreamingSessions owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Change(-1);
            }
        }
    }
}
