using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.Contracts.Subjects;
using NATS.Client.Core;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Listens to the control plane's access-changed events for this cluster (<see cref="MeshSubjects.AccessChanged"/>,
/// the subject the cluster grain publishes on) and wakes the check-in loop, which then fetches and applies
/// the new grant set. Events are at-most-once; the periodic check-in still catches anything missed.
/// </summary>
internal sealed class GrantChangeSubscription : IAsyncDisposable
{
    private readonly INatsSub<string> _subscription;
    private readonly Task _loop;

    private GrantChangeSubscription(INatsSub<string> subscription, CheckInSignal signal)
    {
        _subscription = subscription;
        _loop = Task.Run(async () =>
        {
            await foreach (var _ in subscription.Msgs.ReadAllAsync())
            {
                signal.Wake();
            }
        });
    }

    public static async Task<GrantChangeSubscription> StartAsync(INatsConnection nats, string clusterId, CheckInSignal signal, CancellationToken cancellationToken)
    {
        var subject = MeshSubjects.AccessChanged(clusterId);
        var subscription = await nats.SubscribeCoreAsync<string>(subject, cancellationToken: cancellationToken);
        return new GrantChangeSubscription(subscription, signal);
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await _loop;
    }
}
