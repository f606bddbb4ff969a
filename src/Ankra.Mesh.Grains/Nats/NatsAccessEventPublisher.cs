using System.Globalization;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Grains;

/// <summary>Publishes access-changed events on core NATS (at-most-once; edges also expire cache entries).</summary>
internal sealed class NatsAccessEventPublisher(INatsConnection nats, ILogger<NatsAccessEventPublisher> logger) : IAccessEventPublisher
{
    public async ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default)
    {
        try
        {
            await nats.PublishAsync(MeshSubjects.AccessChanged(clusterId), grantsVersion.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException)
        {
            GrainsLog.AccessEventFailed(logger, clusterId, ex);
        }
    }
}
