using System.Collections.Concurrent;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// The ids of streams this side closed a short while ago (HTTP/2 keeps such "closed" streams in mind for the
/// same reason, RFC 9113 §5.1). A peer's frame may be on its way while we close — a credit for a body we
/// finished sending, a Pong — and such a frame is dropped, not answered with a reset that the peer would
/// have to interpret. Ids never seen, or forgotten after <c>retention</c>, are still answered with
/// <c>UNKNOWN_STREAM</c> so a peer holding a stale stream frees it. Bounded: past <c>capacity</c> the
/// oldest ids are forgotten first.
/// </summary>
internal sealed class RecentlyClosedStreams(int capacity, TimeSpan retention)
{
    private readonly ConcurrentDictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, long Expiry)> _order = new();
    private readonly long _retentionMs = (long)retention.TotalMilliseconds;

    // ConcurrentDictionary.Count takes every bucket lock; on the hot path of every stream's close that
    // serialised all request threads, so the queue's length (one entry per Add) stands in for it.
    public int Count => _order.Count;

    public void Add(string id)
    {
        var expiry = Environment.TickCount64 + _retentionMs;
        _expiries[id] = expiry;
        _order.Enqueue((id, expiry));
        while (_order.Count > capacity && _order.TryDequeue(out var oldest))
        {
            Forget(oldest);
        }
    }

    public bool Contains(string id) => _expiries.TryGetValue(id, out var expiry) && expiry > Environment.TickCount64;

    /// <summary>Forgets ids whose retention has passed (called by the endpoint's sweeper).</summary>
    public void Prune()
    {
        var now = Environment.TickCount64;
        while (_order.TryPeek(out var oldest) && oldest.Expiry <= now && _order.TryDequeue(out oldest))
        {
            Forget(oldest);
        }
    }

    // Only the entry that this queue item added: a re-added id keeps its newer expiry.
    private void Forget((string Id, long Expiry) entry) => _expiries.TryRemove(new KeyValuePair<string, long>(entry.Id, entry.Expiry));
}
