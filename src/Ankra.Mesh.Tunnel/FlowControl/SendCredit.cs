namespace Ankra.Mesh.Tunnel.FlowControl;

/// <summary>
/// The bytes this side may still send on a stream (the peer's window). A writer waits here until the
/// peer grants more with a WindowUpdate, so a slow reader slows only its own stream.
/// </summary>
internal sealed class SendCredit
{
    private readonly Lock _lock = new();
    private long _available;
    private TaskCompletionSource? _waiter;
    private Exception? _failure;

    public SendCredit(long initial) => _available = initial;

    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes <paramref name="cost"/> bytes of credit, waiting for WindowUpdates as needed.</summary>
    public async ValueTask AcquireAsync(long cost, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw _failure;
                }

                if (_available >= cost)
                {
                    _available -= cost;
                    return;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Takes <paramref name="cost"/> bytes of credit if they are there now.</summary>
    public bool TryTake(long cost)
    {
        lock (_lock)
        {
            if (_failure is not null || _available < cost)
            {
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    /// <summary>Adds credit granted by the peer and wakes a waiting writer.</summary>
    public void Grant(long increment)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _available += increment;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Fails the current and every later wait (the stream ended).</summary>
    public void Fail(Exception failure)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _failure ??= failure;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }
}
