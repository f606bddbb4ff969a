namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// Exponential backoff with full jitter: after an edge or NATS restart, thousands of agents spread their
/// reconnects over the whole window instead of arriving together (the reconnect storm peers suffered).
/// </summary>
internal sealed class JitteredBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private int _attempt;

    public void Reset() => _attempt = 0;

    /// <summary>The next delay: uniformly random in [minimum, min(maximum, minimum · 2^attempt)].</summary>
    public TimeSpan Next()
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, minimum.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        return TimeSpan.FromMilliseconds(minimum.TotalMilliseconds + (Random.Shared.NextDouble() * (ceiling - minimum.TotalMilliseconds)));
    }
}
