using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Edge.Resume;
using Ankra.Mesh.Tunnel.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// The edge side of the tunnel: an <see cref="HttpMessageHandler"/> that YARP's <c>IHttpForwarder</c>
/// sends through (<c>new HttpMessageInvoker(handler)</c>). Each request becomes one stream to the agent
/// named by <see cref="TunnelRequestOptions.Target"/>. Responses stream as frames arrive; a 101 returns
/// content whose stream is a duplex byte pipe. Failures are <see cref="TunnelException"/>s.
/// <para>The request path, edge → NATS → agent, in numbered steps (matching markers in the code):
/// (1) edge builds the head and registers the stream; (2) edge sends OpenStream as a NATS request
/// (no responders → 503 at once); (3) agent validates and accepts; (4) agent calls the API server;
/// (5) agent sends the response head — with the accept itself for a body-less request whose API server answers
/// within <see cref="TunnelOptions.EarlyResponseWait"/>; (6) both sides stream Data within windows; (7) End each
/// way, usually as the last Data's end_of_stream (or Reset), and both sides reclaim the stream.</para>
/// <para>Before step (1) the handler checks its own NATS connections: while they are down an open fails at once
/// with <see cref="TunnelFailure.BusUnavailable"/> instead of waiting for the reconnect, and an open in flight when
/// they drop fails the same way.</para>
/// </summary>
public sealed partial class TunnelHttpMessageHandler : HttpMessageHandler
{
    private readonly TunnelEndpoint _endpoint;
    private readonly ConcurrentDictionary<string, int> _perSession = new(StringComparer.Ordinal);
    private readonly Lock _startLock = new();
    private readonly SuspectSessions _suspects;
    private readonly NatsConnectionWatch _bus;
    private readonly NatsConnectionWatch? _bulkBus;
    private Task? _started;

    /// <summary>Creates the handler. It subscribes to its frame subject on first use.</summary>
    /// <param name="connection">The edge's NATS connection.</param>
    /// <param name="options">Validated tunnel options.</param>
    /// <param name="logger">Optional logger.</param>
    /// <param name="edgeId">This edge's subject token; a random one by default (one per handler instance).</param>
    /// <param name="bulkConnection">Optional second connection for the bulk lane (see <see cref="TunnelOptions.BulkLaneThreshold"/>).</param>
    public TunnelHttpMessageHandler(INatsConnection connection, TunnelOptions options, ILogger<TunnelHttpMessageHandler>? logger = null, string? edgeId = null,
        INatsConnection? bulkConnection = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        TunnelOptionsValidator.ThrowIfInvalid(options);
        EdgeId = edgeId is null ? SubjectToken.NewId() : SubjectToken.Validate(edgeId, "edge id");
        _endpoint = new TunnelEndpoint(connection, options, TunnelSide.Edge, (ILogger?)logger ?? NullLogger.Instance, bulkConnection);
        _suspects = new SuspectSessions(TimeProvider.System, options.SuspectSessionTtl);
        _bus = new NatsConnectionWatch(connection);
        _bulkBus = _endpoint.BulkConnection is { } bulk ? new NatsConnectionWatch(bulk) : null;
    }

    /// <summary>This edge's id in subjects.</summary>
    public string EdgeId { get; }

    /// <summary>Streams this handler holds right now (tests assert zero after a run).</summary>
    public int ActiveStreams => _endpoint.Count;

    /// <summary>Highest number of bytes any closed stream held buffered for its reader (bounded by the window).</summary>
    public long PeakBufferedBytesPerStream => _endpoint.PeakBufferedBytes;

    /// <summary>True while this edge's own NATS connection (or its bulk lane) is reconnecting: opens fail at once.</summary>
    public bool BusDown => _bus.IsDown || _bulkBus?.IsDown == true;

    /// <summary>Completes once this handler holds no stream.</summary>
    internal Task WhenNoStreamsAsync(CancellationToken cancellationToken = default) => _endpoint.WhenNoStreamsAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(TunnelRequestOptions.Target, out var target))
        {
            throw new InvalidOperationException($"the request has no {nameof(TunnelRequestOptions)}.{nameof(TunnelRequestOptions.Target)} option");
        }

        using var activity = TunnelTelemetry.ActivitySource.StartActivity("tunnel.stream", ActivityKind.Client);
        activity?.SetTag("mesh.cluster", target.ClusterId);
        var sessionKey = $"{target.ClusterId}/{target.SessionId}";
        var admitted = _perSession.AddOrUpdate(sessionKey, 1, (_, n) => n + 1);
        try
        {
            // (0) Only over a connected bus: a publish on a disconnected NATS connection waits for the reconnect.
            if (BusDown)
            {
                throw BusUnavailable(target, "is down (reconnecting); nothing was sent");
            }

            if (admitted > _endpoint.Options.MaxConcurrentStreamsPerSession)
            {
                throw new TunnelException(TunnelFailure.TooManyStreams,
                    $"cluster {target.ClusterId} already has {admitted - 1} open streams through this edge (limit {_endpoint.Options.MaxConcurrentStreamsPerSession}, Mesh:Tunnel:MaxConcurrentStreamsPerSession); retry later");
            }

            // A logs -f is asked for timestamps before it leaves: they make it resumable (see LogFollowResumption).
            var logFollow = LogFollowResumption.Prepare(request);
            var stream = await OpenOverBusAsync(request, target, cancellationToken);
            _ = stream.Closed.ContinueWith(_ => Release(sessionKey), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            admitted = 0;
            var response = await ReceiveResponseAsync(request, stream, cancellationToken);
            if (response.Content is TunnelResponseContent first && WatchResumption.Applies(request, response))
            {
                // A watch outlives the agent replica serving it: resumed from its last event on another one.
                var body = new ResumableWatchStream(await first.ReadAsStreamAsync(cancellationToken), WatchResumption.RequestedVersion(request.RequestUri!),
                    (version, token) => ReopenAsync(request, target, WatchResumption.WithResourceVersion(request.RequestUri!, version), token), _endpoint.Logger);
                response.Content = new ResumableContent(first, body);
            }
            else if (response.Content is TunnelResponseContent followed && logFollow is { } clientWantsTimestamps && response.StatusCode == HttpStatusCode.OK)
            {
                // So does logs -f: resumed from its last line's timestamp, each line handed out once.
                var body = new ResumableLogStream(await followed.ReadAsStreamAsync(cancellationToken), clientWantsTimestamps,
                    (stamp, token) => ReopenAsync(request, target, LogFollowResumption.From(request.RequestUri!, stamp), token), _endpoint.Logger);
                response.Content = new ResumableContent(followed, body);
            }

            return response;
        }
        catch (TunnelException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            TunnelTelemetry.Refusals.Add(1, _endpoint.SideTag, new("failure", e.Failure.ToString()));
            throw;
        }
        finally
        {
            if (admitted != 0)
            {
                Release(sessionKey);
            }
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bus.Dispose();
            _bulkBus?.Dispose();
            _endpoint.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    // Subscribes on first use; a failed start (NATS unreachable) is retried by the next request.
    private async Task EnsureStartedAsync(TunnelTarget target)
    {
        Task started;
        lock (_startLock)
        {
            if (_started is null || _started.IsFaulted || _started.IsCanceled)
            {
                // Frames of a stream must come from the cluster the stream was opened to: an agent of another
                // cluster that guessed a stream id still cannot inject into it.
                _started = _endpoint.StartAsync(
                    MeshSubjects.EdgeInboundWildcard(EdgeId),
                    (msg, stream, bulkLane) => MeshSubjects.IsLaneOf(msg.Subject, stream.LocalSubject, bulkLane)).AsTask();
            }

            started = _started;
        }

        try
        {
            await started;
        }
        catch (NatsException e)
        {
            throw Unreachable(target, e);
        }
    }

    // The same GET again at another URI (a watch's resourceVersion, a log's sinceTime): same headers, identity and target, a new stream.
    private async Task<HttpResponseMessage> ReopenAsync(HttpRequestMessage original, TunnelTarget target, Uri uri, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)request.Options)[option.Key] = option.Value;
        }

        var stream = await OpenAsync(request, target, Activity.Current, cancellationToken);
        return await ReceiveResponseAsync(request, stream, cancellationToken);
    }

    private void Release(string sessionKey)
    {
        if (_perSession.AddOrUpdate(sessionKey, 0, (_, n) => n - 1) <= 0)
        {
            _perSession.TryRemove(new KeyValuePair<string, int>(sessionKey, 0));
        }
    }

    private static Identity IdentityOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(TunnelRequestOptions.Identity, out var identity) ? identity : new Identity();
}
