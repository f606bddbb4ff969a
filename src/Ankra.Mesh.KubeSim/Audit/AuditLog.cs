using Ankra.Mesh.KubeSim.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Audit;

/// <summary>
/// The audit trail tests read: every request with who made it, as whom, and the answer. Bounded
/// (<see cref="KubeSimOptions.AuditCapacity"/>, oldest dropped first).
/// </summary>
public sealed class AuditLog
{
    private readonly Lock _lock = new();
    private readonly Queue<AuditEvent> _events = new();
    private readonly List<(Func<AuditEvent, bool> Match, TaskCompletionSource<AuditEvent> Found)> _waiters = [];
    private readonly int _capacity;

    internal AuditLog(IOptions<KubeSimOptions> options) => _capacity = options.Value.AuditCapacity;

    /// <summary>A snapshot of the recorded events, oldest first.</summary>
    public IReadOnlyList<AuditEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits for an event (already recorded or still to come) that satisfies <paramref name="match"/>.</summary>
    public Task<AuditEvent> WaitForAsync(Func<AuditEvent, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new TaskCompletionSource<AuditEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var earlier = _events.FirstOrDefault(match);
            if (earlier is not null)
            {
                return Task.FromResult(earlier);
            }

            _waiters.Add((match, found));
        }

        // A waiter that gives up is removed, so abandoned waits do not pile up in a long-lived server.
        var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Found == found);
            }

            found.TrySetCanceled(cancellationToken);
        });
        _ = found.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return found.Task;
    }

    /// <summary>Forgets every recorded event.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _events.Clear();
        }
    }

    internal void Record(AuditEvent entry)
    {
        lock (_lock)
        {
            _events.Enqueue(entry);
            while (_events.Count > _capacity)
            {
                _events.Dequeue();
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(entry))
                {
                    _waiters[i].Found.TrySetResult(entry);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
