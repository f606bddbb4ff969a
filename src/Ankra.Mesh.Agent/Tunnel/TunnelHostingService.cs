using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.NatsAuth;
using Ankra.Mesh.Tunnel.Agent;
using Ankra.Mesh.Tunnel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Serves tunnel streams for the current agent session. Each session, and each renewal of its NATS
/// credential, gets a <see cref="ServingGeneration"/>: its own connections and tunnel server.
/// - A new session: the new generation starts before the old one stops (the old session was fenced).
/// - A renewed credential: the new generation subscribes first, then the old one stops taking opens and
///   finishes its streams on its old connection until shortly before that credential expires.
/// On SIGTERM the server stops taking new streams (other replicas get them) and in-flight streams may
/// finish for the drain timeout.
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
    /// <summary>A retired generation is closed this long before its credential expires, so nats-server never cuts it.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger<TunnelHostingService>();
    private readonly SemaphoreSlim _switching = new(1, 1);
    private readonly HttpMessageInvoker _upstream = new(new ConcurrencyLimitingHandler(agentOptions) { InnerHandler = apiServer.CreateProxyHandler() });
    private readonly List<Task> _retiring = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ServingGeneration, byte> _retired = new();
    private readonly CancellationTokenSource _stopping = new();
    private ServingGeneration? _current;

    /// <summary>Streams this replica is serving now (also those finishing on a retired connection).</summary>
    public int ActiveStreams => (_current?.Server.ActiveStreams ?? 0) + _retired.Keys.Sum(g => g.Server.ActiveStreams);

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
                try
                {
                    await SwitchToAsync(session, stoppingToken);
                }
                catch (Exception exception) when (exception is NatsException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    // NATS unreachable or refusing the credential right now: try again with whatever session is current then.
                    var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 5000));
                    AgentLog.NatsConnectFailed(_logger, delay, exception);
                    await Task.Delay(delay, stoppingToken);
                    changes.Writer.TryWrite(sessions.Current);
                }
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
        if (_current is { } current)
        {
            // New streams go to other replicas from now on (no subscription, so NATS never hands this replica an
            // open it would only refuse); in-flight ones may finish within the drain timeout.
            current.Server.Drain();
            await current.Server.StopAcceptingAsync();
            using var deadline = new CancellationTokenSource(drain);
            try
            {
                await current.Server.WhenNoStreamsAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Drain timeout: the remaining streams are reset when the server is disposed below.
            }
        }

        await base.StopAsync(cancellationToken);
        await SwitchToAsync(null, CancellationToken.None);
        await _stopping.CancelAsync();
        await Task.WhenAll(_retiring);
        _upstream.Dispose();
    }

    private async Task SwitchToAsync(AgentSession? session, CancellationToken cancellationToken)
    {
        await _switching.WaitAsync(cancellationToken);
        try
        {
            var previous = _current;
            if (session is not null && previous is not null && ReferenceEquals(session.NatsCredential, previous.Session.NatsCredential)
                && session.SessionId == previous.Session.SessionId)
            {
                return;
            }

            // The previous generation stays current until the next one serves: a failed connect (retried by the
            // caller) leaves it in place, still owned here.
            ServingGeneration? next = null;
            if (session is not null)
            {
                var renewal = previous is not null && previous.Session.SessionId == session.SessionId;
                // A renewed generation needs its own inbound subject, so each stream's frames reach one connection.
                next = await StartGenerationAsync(session, renewal ? SubjectToken.NewId() : null, cancellationToken);
                _current = next;
                if (renewal)
                {
                    await previous!.RetireAsync();
                    var until = previous.Session.NatsCredential?.ExpiresAt - ExpiryMargin;
                    AgentLog.NatsConnectionRenewed(_logger, session.SessionId, previous.Server.ActiveStreams, until);
                    _retiring.RemoveAll(t => t.IsCompleted);
                    _retiring.Add(FinishAsync(previous, until));
                    return;
                }
            }

            _current = next;
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

    /// <summary>Lets a retired generation's streams finish, until shortly before its credential expires.</summary>
    private async Task FinishAsync(ServingGeneration retired, DateTimeOffset? until)
    {
        _retired[retired] = 0;
        try
        {
            var timeout = until is { } deadline ? deadline - DateTimeOffset.UtcNow : agentOptions.Value.DrainTimeout;
            using var expiry = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            expiry.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            await retired.Server.WhenNoStreamsAsync(expiry.Token);
        }
        catch (OperationCanceledException)
        {
            // Expiry (or shutdown) reached first: the remaining streams are reset below.
        }
        finally
        {
            _retired.TryRemove(retired, out _);
            await retired.DisposeAsync();
        }
    }

    private async Task<ServingGeneration> StartGenerationAsync(AgentSession session, string? inboundId, CancellationToken cancellationToken)
    {
        var options = new NatsOpts
        {
            Url = string.Join(',', session.NatsUrls),
            Name = $"ankra-agent-{identity.ReplicaId}",
            // Keep reconnecting forever: the agent must come back by itself after a NATS restart.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(5),
            ReconnectJitter = TimeSpan.FromMilliseconds(500),
            // A server that vanishes without closing the socket (a partition, a lost node) is noticed within ~20–30 s
            // instead of the client's default 2 min × 2, and the agent reconnects to another server. Not shorter: every
            // agent of every customer pings, and a dead *agent* is the server's business (ping_interval in nats.conf) —
            // the edge's 1 s open acknowledgement already routes new streams around a replica that stopped answering.
            PingInterval = TimeSpan.FromSeconds(10),
            MaxPingOut = 2,
            // The client subscribes its reply inbox on connect: inside the cluster's own subjects, which is all
            // an agent's credential may subscribe (the edges' replies come to their inboxes, not here).
            InboxPrefix = MeshSubjects.AgentInbox(session.NatsSubject),
        }.WithPinnedCa(agentOptions.Value.NatsCaFile);
        if (session.NatsCredential is { } credential)
        {
            options = options.WithUserCredential(credential.Jwt, credential.Seed);
        }

        var interactive = new NatsConnection(options);
        // The tunnel's bulk lane: long transfers (kubectl cp, huge LISTs) never queue ahead of keystrokes and watch events.
        var bulk = new NatsConnection(options with { Name = $"{options.Name}-bulk" });
        try
        {
            await interactive.ConnectAsync();
            await bulk.ConnectAsync();
            var settings = new TunnelAgentSettings(session.NatsSubject, session.NatsQueueGroup, session.SessionId, apiServer.BaseAddress)
            {
                ReplicaId = identity.ReplicaId,
                InboundId = inboundId,
            };
            var server = new TunnelAgentServer(interactive, tunnelOptions.Value, settings, _upstream, rewriter.RewriteAsync,
                loggers.CreateLogger<TunnelAgentServer>(), bulk);
            await server.StartAsync(cancellationToken);
            var grantChanges = await GrantChangeSubscription.StartAsync(interactive, session.ClusterId, checkInSignal, cancellationToken);
            return new ServingGeneration(session, interactive, bulk, server, grantChanges);
        }
        catch
        {
            await interactive.DisposeAsync();
            await bulk.DisposeAsync();
            throw;
        }
    }
}
