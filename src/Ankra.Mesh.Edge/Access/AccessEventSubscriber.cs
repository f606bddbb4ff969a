using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Grains;
using NATS.Client.Core;

namespace Ankra.Mesh.Edge.Access;

/// <summary>
/// Listens to every cluster's access-changed events and drops the matching cached decisions. The
/// subscription is in place before start-up completes, so an edge that serves requests hears
/// every revocation.
/// </summary>
internal sealed class AccessEventSubscriber(INatsConnection nats, AccessDecisionCache cache, EdgeMetrics metrics, ILogger<AccessEventSubscriber> logger) : IHostedService, IAsyncDisposable
{
    private INatsSub<string>? _subscription;
    private Task? _loop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (nats is NatsConnection connection)
        {
            // Events published while we were disconnected are lost (core NATS); forget everything.
            connection.ConnectionOpened += (_, _) =>
            {
                cache.InvalidateAll();
                return ValueTask.CompletedTask;
            };
        }

        _subscription = await nats.SubscribeCoreAsync<string>(MeshSubjects.AllAccessEvents, cancellationToken: cancellationToken);
        _loop = Task.Run(ReadAsync, CancellationToken.None);
        EdgeLog.AccessEventsSubscribed(logger, MeshSubjects.AllAccessEvents);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }

        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The drain used the whole shutdown timeout (Mesh:Edge:ShutdownDrainTimeout); the loop ends
                // when the subscription is disposed, and nothing here is worth failing the stop for.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in _subscription!.Msgs.ReadAllAsync())
        {
            if (MeshSubjects.ClusterOfAccessEvent(message.Subject) is { } clusterId)
            {
                cache.Invalidate(clusterId);
                metrics.AccessEventReceived();
                EdgeLog.AccessChanged(logger, clusterId);
            }
        }
    }
}
