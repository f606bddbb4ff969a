using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>
/// The agent side of the tunnel: takes streams from NATS and executes each as an HTTP request against
/// the API server through the given <see cref="HttpMessageInvoker"/> (give it a handler that never
/// follows redirects, e.g. <see cref="TunnelUpstream.CreateHandler"/>). Opens arrive on the cluster's
/// shared subject (queue group: replicas share new streams) and on this session's own subject.
/// </summary>
public sealed partial class TunnelAgentServer : IAsyncDisposable
{
    /// <summary>The queue group of the session-addressed open subject (see <see cref="StartAsync"/>).</summary>
    private const string SessionQueueGroup = "session-open";

    private readonly TunnelAgentSettings _settings;
    private readonly HttpMessageInvoker _upstream;
    private readonly TunnelRequestRewriter? _rewriter;
    private readonly TunnelEndpoint _endpoint;
    private readonly List<Task> _openLoops = [];
    private readonly List<INatsSub<OpenStream>> _openSubscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _draining;
    private int _disposed;

    /// <summary>Creates the server; call <see cref="StartAsync"/> to begin serving.</summary>
    /// <param name="bulkConnection">Optional second connection for the bulk lane (see <see cref="TunnelOptions.BulkLaneThreshold"/>).</param>
    public TunnelAgentServer(INatsConnection connection, TunnelOptions options, TunnelAgentSettings settings, HttpMessageInvoker upstream,
        TunnelRequestRewriter? rewriter = null, ILogger<TunnelAgentServer>? logger = null, INatsConnection? bulkConnection = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(upstream);
        TunnelOptionsValidator.ThrowIfInvalid(options);
        _settings = settings;
        _upstream = upstream;
        _rewriter = rewriter;
        _endpoint = new TunnelEndpoint(connection, options, TunnelSide.Agent, (ILogger?)logger ?? NullLogger.Instance, bulkConnection);
    }

    /// <summary>This server's agent session.</summary>
    public string SessionId => _settings.SessionId;

    /// <summary>Streams this agent holds right now (tests assert zero after a run).</summary>
    public int ActiveStreams => _endpoint.Count;

    /// <summary>Highest number of bytes any closed stream held buffered for its reader (bounded by the window).</summary>
    public long PeakBufferedBytesPerStream => _endpoint.PeakBufferedBytes;

    /// <summary>Completes once this agent holds no stream (e.g. after <see cref="Drain"/>, before shutdown).</summary>
    public Task WhenNoStreamsAsync(CancellationToken cancellationToken = default) => _endpoint.WhenNoStreamsAsync(cancellationToken);

    /// <summary>Subscribes and starts serving; returns once NATS has the subscriptions.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var prefix = _settings.SubjectPrefix;
        await _endpoint.StartAsync(_settings.InboundSubject, cancellationToken: cancellationToken);
        var shared = await SubscribeOpensAsync(MeshSubjects.SharedOpen(prefix), _settings.QueueGroup, cancellationToken);
        // A queue group here too (the subject is the session's own, so one name serves): while a renewed
        // connection's server takes over from the old one, both are subscribed for a moment, and an open
        // must still reach exactly one of them.
        var own = await SubscribeOpensAsync(MeshSubjects.SessionOpen(prefix, _settings.SessionId), SessionQueueGroup, cancellationToken);
        _openSubscriptions.Add(shared);
        _openSubscriptions.Add(own);
        _openLoops.Add(ServeOpensAsync(shared));
        _openLoops.Add(ServeOpensAsync(own));
        // A PING round trip proves the server registered the subscriptions before callers route here.
        await _endpoint.Connection.PingAsync(cancellationToken);
        TunnelLog.AgentStarted(_endpoint.Logger, shared.Subject, _settings.QueueGroup, own.Subject, _settings.SessionId);
    }

    /// <summary>Refuses new streams (they go to another replica); open streams continue.</summary>
    public void Drain() => _draining = true;

    /// <summary>
    /// Stops taking new streams by unsubscribing from the open subjects, so NATS hands every new open to the
    /// other subscribers (a renewed connection's server, other replicas) instead of this one refusing it;
    /// open streams continue on this connection. With no other subscriber an open finds no responders and
    /// the edge answers at once.
    /// </summary>
    public async Task StopAcceptingAsync()
    {
        foreach (var subscription in _openSubscriptions)
        {
            await subscription.UnsubscribeAsync();
        }

        TunnelLog.AgentStoppedAccepting(_endpoint.Logger, _settings.SessionId, _endpoint.Count);
    }

    /// <summary>Stops taking streams and resets every open one (session end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _draining = true;
        var streams = _endpoint.Count;
        await _stopping.CancelAsync();
        await _endpoint.DisposeAsync();
        try
        {
            await Task.WhenAll(_openLoops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or NatsException)
        {
            // The loops end with their subscriptions.
        }

        _stopping.Dispose();
        TunnelLog.AgentStopped(_endpoint.Logger, _settings.SessionId, streams);
    }

    private async Task<INatsSub<OpenStream>> SubscribeOpensAsync(string subject, string? queueGroup, CancellationToken cancellationToken) =>
        await _endpoint.Connection.SubscribeCoreAsync(subject, queueGroup, ProtobufNatsSerializer<OpenStream>.Instance,
            TunnelEndpoint.FrameSubscriptionOptions, cancellationToken);
}
