using System.Collections.Concurrent;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Counts in-flight requests per key (a user, a cluster) against a limit. A lease is taken before the
/// request is forwarded and returned when it ends, whatever way it ends.
/// </summary>
internal sealed class ConcurrencyLimiter(int limit)
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Limit => limit;

    public bool TryAcquire(string key)
    {
        while (true)
        {
            var current = _counts.GetOrAdd(key, 0);
            if (current >= limit)
            {
                return false;
            }

            if (_counts.TryUpdate(key, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Release(string key)
    {
        while (_counts.TryGetValue(key, out var current))
        {
            if (current <= 1 ? _counts.TryRemove(new KeyValuePair<string, int>(key, current)) : _counts.TryUpdate(key, current - 1, current))
            {
                return;
            }
        }
    }

    public int InFlight(string key) => _counts.GetValueOrDefault(key);
}
