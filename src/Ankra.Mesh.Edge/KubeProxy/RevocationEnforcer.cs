using System.Threading.Channels;
using Ankra.Mesh.Edge.Access;
using Microsoft.Extensions.Hosting;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Cuts live requests whose access was revoked. The decision cache raises an event when a cluster's
/// access changes (NATS access-changed event, delivered to every edge); each live request of that
/// cluster is then re-authorized with the grain and aborted if denied — the client sees its watch,
/// logs -f, exec or port-forward end, and its next command is refused.
/// </summary>
internal sealed class RevocationEnforcer(AccessDecisionCache decisions, LiveRequestRegistry live, ILogger<RevocationEnforcer> logger) : BackgroundService
{
    // Bounded: a burst of events for the same clusters collapses; dropping the oldest is safe because each entry re-checks everything.
    private readonly Channel<string> _changed = Channel.CreateBounded<string>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        decisions.ClusterAccessChanged += OnChanged;
        try
        {
            await foreach (var clusterId in _changed.Reader.ReadAllAsync(stoppingToken))
            {
                await EnforceAsync(clusterId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            decisions.ClusterAccessChanged -= OnChanged;
        }
    }

    private void OnChanged(string clusterId) => _changed.Writer.TryWrite(clusterId);

    private async Task EnforceAsync(string clusterId, CancellationToken cancellationToken)
    {
        foreach (var request in live.Snapshot(clusterId))
        {
            try
            {
                var decision = await decisions.GetAsync(clusterId, request.UserId, request.Generation, cancellationToken);
                if (!decision.Allowed)
                {
                    KubeProxyLog.RequestCutByRevocation(logger, clusterId, request.UserId);
                    request.Context.Abort();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fail closed: if access cannot be confirmed after a change, the stream ends.
                KubeProxyLog.RevocationCheckFailed(logger, clusterId, exception.Message);
                request.Context.Abort();
            }
        }
    }
}
