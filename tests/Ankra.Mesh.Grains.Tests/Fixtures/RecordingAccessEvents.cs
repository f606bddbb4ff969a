using System.Collections.Concurrent;

namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>Counts access-changed events per cluster instead of publishing them on NATS.</summary>
internal sealed class RecordingAccessEvents : IAccessEventPublisher
{
    private readonly ConcurrentDictionary<string, int> _published = new(StringComparer.Ordinal);

    public static RecordingAccessEvents Instance { get; } = new();

    public int Published(string clusterId) => _published.GetValueOrDefault(clusterId);

    public ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default)
    {
        _published.AddOrUpdate(clusterId, 1, (_, n) => n + 1);
        return ValueTask.CompletedTask;
    }
}
