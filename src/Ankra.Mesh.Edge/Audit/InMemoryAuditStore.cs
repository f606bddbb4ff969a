using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// The audit without a database (embedded mode, the demo): the last <see cref="AuditOptions.InMemoryCapacity"/>
/// events of this edge, lost on restart — the edge says so at start (<see cref="GatewayAuditLog.NotDurable"/>).
/// </summary>
internal sealed class InMemoryAuditStore(IOptions<AuditOptions> options) : IAuditStore
{
    private readonly Lock _lock = new();
    private readonly LinkedList<AuditEvent> _events = new();
    private readonly int _capacity = options.Value.InMemoryCapacity;
    private long _nextId;

    public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var entry in batch)
            {
                _events.AddLast(entry with { Id = ++_nextId });
                if (_events.Count > _capacity)
                {
                    _events.RemoveFirst();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        List<AuditEvent> matching;
        lock (_lock)
        {
            matching = [.. _events.Where(e => Matches(e, query))];
        }

        matching.Sort((a, b) => b.Time != a.Time ? b.Time.CompareTo(a.Time) : b.Id.CompareTo(a.Id));
        return Task.FromResult(new AuditPage([.. matching.Skip((int)Math.Min((long)(query.Page - 1) * query.PageSize, matching.Count)).Take(query.PageSize)], matching.Count));
    }

    public Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        long deleted = 0;
        lock (_lock)
        {
            while (_events.First is { } first && first.Value.Time < cutoff)
            {
                _events.RemoveFirst();
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }

    private static bool Matches(AuditEvent e, AuditQuery query) =>
        e.ClusterId == query.ClusterId
        && (query.User is null || string.Equals(e.UserEmail, query.User, StringComparison.OrdinalIgnoreCase) || e.UserId == query.User)
        && (query.Verb is null || e.Verb == query.Verb)
        && (query.Since is null || e.Time >= query.Since)
        && (query.Until is null || e.Time < query.Until);
}
