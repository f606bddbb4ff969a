using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.Tunnel.Agent;
using NATS.Client.Core;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// One NATS credential's worth of serving: the two connections made with it (interactive and bulk lane),
/// the tunnel server on them, and the grant-change subscription. A renewed credential starts a new
/// generation; the old one finishes its streams and is disposed before its credential expires.
/// </summary>
internal sealed class ServingGeneration(
    AgentSession session,
    NatsConnection interactive,
    NatsConnection bulk,
    TunnelAgentServer server,
    GrantChangeSubscription? grantChanges) : IAsyncDisposable
{
    private GrantChangeSubscription? _grantChanges = grantChanges;

    public AgentSession Session { get; } = session;

    public TunnelAgentServer Server { get; } = server;

    /// <summary>Stops taking new streams (a newer generation of the session has them) and stops waking check-ins.</summary>
    public async Task RetireAsync()
    {
        await Server.StopAcceptingAsync();
        if (_grantChanges is not null)
        {
            await _grantChanges.DisposeAsync();
            _grantChanges = null;
        }
    }

    /// <summary>Resets the streams still open and closes both connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_grantChanges is not null)
        {
            await _grantChanges.DisposeAsync();
        }

        await Server.DisposeAsync();
        await interactive.DisposeAsync();
        await bulk.DisposeAsync();
    }
}
