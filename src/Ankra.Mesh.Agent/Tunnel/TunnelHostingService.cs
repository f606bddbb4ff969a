using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.Tunnel;
using Ankra.Mesh.Tunnel.Agent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Serves tunnel streams for the current agent session: when registration yields a session, a
/// <see cref="TunnelAgentServer"/> subscribes on the subjects the control plane assigned; when the session
/// is replaced, the new server starts before the old one stops; on SIGTERM the server stops taking new
/// streams (other replicas get them) and in-flight streams may finish for the drain timeout.
/// </summary>
internal sealed class TunnelHostingService(
    AgentSessionState sessions,
    ApiServerConnection apiServer,
    ImpersonationRewriter rewriter,
    ReplicaIdentity identity,
    CheckInSignal checkInSignal,
    IOptions<AgentOptions> agentOptions,
    IOptions<TunnelOptions> tunnelOptions,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<TunnelHostingService>();
    private readonly SemaphoreSlim _switching = new(1, 1);
    private readonly HttpMessageInvoker _upstream = new(new ConcurrencyLimitingHandler(agentOptions) { InnerHandler = apiServer.CreateProxyHandler() });
    private NatsConnection? _nats;
    private NatsConnection? _natsBulk;
    private string? _natsUrls;
    private TunnelAgentServer? _server;
    private GrantChangeSubscription? _grantChanges;

    /// <summary>Streams this replica is serving now.</summary>
    public int ActiveStreams => _server?.ActiveStreams ?? 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = System.Threading.Channels.Channel.CreateBounded<AgentSession?>(
            new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
        void OnChanged(AgentSession? session) => changes.Writer.TryWrite(session);
        sessions.Changed += OnChanged;
        try
        {
            if (sessions.Current is { } current)
            {
                await SwitchToAsync(current, stoppingToken);
            }

            await foreach (var session in changes.Reader.ReadAllAsync(stoppingToken))
            {
                await SwitchToAsync(session, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            sessions.Changed -= OnChanged;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var drain = agentOptions.Value.DrainTimeout;
        AgentLog.Draining(_logger, drain);
        if (_server is { } server)
        {
            // New streams go to other replicas from now on; in-flight ones may finish within the drain timeout.
            server.Drain();
            using var deadline = new CancellationTokenSource(drain);
            try
            {
                await server.WhenNoStreamsAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Drain timeout: the remaining streams are reset when the server is disposed below.
            }
        }

        await base.StopAsync(cancellationToken);
        await SwitchToAsync(null, CancellationToken.None);
        await DisposeConnectionsAsync();
        _upstream.Dispose();
    }

    private async Task SwitchToAsync(AgentSession? session, CancellationToken cancellationToken)
    {
        await _switching.WaitAsync(cancellationToken);
        try
        {
            var previous = _server;
            _server = null;
            if (_grantChanges is not null)
            {
                await _grantChanges.DisposeAsync();
                _grantChanges = null;
            }

            if (session is not null)
            {
                var nats = await ConnectAsync(session, cancellationToken);
                var settings = new TunnelAgentSettings(session.NatsSubject, session.NatsQueueGroup, session.SessionId, apiServer.BaseAddress)
                {
                    ReplicaId = identity.ReplicaId,
                };
                var server = new TunnelAgentServer(nats, tunnelOptions.Value, settings, _upstream, rewriter.RewriteAsync,
                    loggers.CreateLogger<TunnelAgentServer>(), _natsBulk);
                await server.StartAsync(cancellationToken);
                _server = server;
                _grantChanges = await GrantChangeSubscription.StartAsync(nats, session.ClusterId, checkInSignal, cancellationToken);
            }

            if (previous is not null)
            {
                await previous.DisposeAsync();
            }
        }
        finally
        {
            _switching.Release();
        }
    }

    private async Task DisposeConnectionsAsync()
    {
        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        if (_natsBulk is not null)
        {
            await _natsBulk.DisposeAsync();
        }
    }

    private async Task<NatsConnection> ConnectAsync(AgentSession session, CancellationToken cancellationToken)
    {
        var urls = string.Join(',', session.NatsUrls);
        if (_nats is not null && urls == _natsUrls)
        {
            return _nats;
        }

        await DisposeConnectionsAsync();
        var options = new NatsOpts
        {
            Url = urls,
            Name = $"ankra-agent-{identity.ReplicaId}",
            // Keep reconnecting forever: the agent must come back by itself after a NATS restart.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(5),
            ReconnectJitter = TimeSpan.FromMilliseconds(500),
        };
        _nats = new NatsConnection(options);
        // The tunnel's bulk lane: long transfers (kubectl cp, huge LISTs) never queue ahead of keystrokes and watch events.
        _natsBulk = new NatsConnection(options with { Name = $"{options.Name}-bulk" });
        _natsUrls = urls;
        await _nats.ConnectAsync();
        await _natsBulk.ConnectAsync();
        return _nats;
    }
}
