using System.Threading.Channels;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Agent;
using Ankra.Mesh.Tunnel.Edge;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>
/// One edge handler and its agents for one test: each side has its own NATS connection to the shared
/// nats-server, and the agents call the shared backend. A fresh cluster id keeps tests apart.
/// </summary>
public sealed class TunnelPair : IAsyncDisposable
{
    private readonly TunnelFixture _fixture;
    private readonly List<(TunnelAgentServer Server, NatsConnection Connection, HttpMessageInvoker Upstream)> _agents = [];
    private readonly NatsConnection _edgeConnection;
    private int _dropped;

    private readonly List<NatsConnection> _bulkConnections = [];
    private readonly bool _bulkLanes;

    private TunnelPair(TunnelFixture fixture, TunnelOptions options, bool bulkLanes)
    {
        _fixture = fixture;
        _bulkLanes = bulkLanes;
        Options = options;
        ClusterId = "c-" + SubjectToken.NewId()[..12];
        _edgeConnection = Connect(fixture, "edge");
        CountDrops(_edgeConnection);
        Handler = new TunnelHttpMessageHandler(_edgeConnection, options, bulkConnection: BulkConnection("edge"));
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
    }

    public TunnelOptions Options { get; }

    public string ClusterId { get; }

    public string Prefix => MeshSubjects.ClusterPrefix(ClusterId);

    public TunnelHttpMessageHandler Handler { get; }

    public HttpMessageInvoker Invoker { get; }

    public IReadOnlyList<TunnelAgentServer> Agents => _agents.ConvertAll(a => a.Server);

    public TunnelAgentServer Agent => _agents[0].Server;

    public static TunnelOptions FastOptions() => new()
    {
        // Short enough that a dead peer shows within seconds, long enough that a loaded machine's pauses do not.
        KeepaliveInterval = TimeSpan.FromMilliseconds(500),
        IdleTimeout = TimeSpan.FromSeconds(5),
        OpenTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts a pair; with <paramref name="bulkLanes"/> each side also gets a bulk-lane connection, as edge and agent have.</summary>
    public static async Task<TunnelPair> StartAsync(TunnelFixture fixture, TunnelOptions? options = null, int agents = 1, TunnelRequestRewriter? rewriter = null,
        bool bulkLanes = false)
    {
        var pair = new TunnelPair(fixture, options ?? FastOptions(), bulkLanes);
        for (var i = 0; i < agents; i++)
        {
            await pair.AddAgentAsync("s-" + i, rewriter);
        }

        return pair;
    }

    public async Task<TunnelAgentServer> AddAgentAsync(string sessionId, TunnelRequestRewriter? rewriter = null)
    {
        var connection = Connect(_fixture, "agent-" + sessionId);
        CountDrops(connection);
        var upstream = new HttpMessageInvoker(TunnelUpstream.CreateHandler());
        var settings = new TunnelAgentSettings(Prefix, "agents", sessionId, _fixture.Backend.BaseAddress) { ReplicaId = sessionId };
        var server = new TunnelAgentServer(connection, Options, settings, upstream, rewriter, bulkConnection: BulkConnection("agent-" + sessionId));
        await server.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _agents.Add((server, connection, upstream));
        return server;
    }

    /// <summary>A request through the edge handler to this pair's cluster (any replica unless a session is given).</summary>
    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? sessionId = null, Identity? identity = null)
    {
        var request = new HttpRequestMessage(method, new Uri("http://tunnel" + pathAndQuery));
        request.Options.Set(TunnelRequestOptions.Target, new TunnelTarget(ClusterId, sessionId));
        request.Options.Set(TunnelRequestOptions.Identity, identity ?? new Identity { User = "tester@example.com", RequestId = "req-1" });
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        Invoker.SendAsync(request, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>
    /// Waits for both sides to drop every stream (reclaim follows the last frame, so it may lag the client
    /// by a moment), then asserts the counts: a leak fails here after the timeout.
    /// </summary>
    public async Task AssertNoStreamsLeftAsync()
    {
        var waits = _agents.Select(a => a.Server.WhenNoStreamsAsync()).Append(Handler.WhenNoStreamsAsync());
        try
        {
            await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The assertions below report which side kept streams.
        }

        Assert.Equal(0, Handler.ActiveStreams);
        Assert.All(_agents, a => Assert.Equal(0, a.Server.ActiveStreams));
        // The NATS client reports every message it dropped for a slow subscriber: the tunnel must cause none.
        Assert.Equal(0, Volatile.Read(ref _dropped));
    }

    private NatsConnection? BulkConnection(string name)
    {
        if (!_bulkLanes)
        {
            return null;
        }

        var connection = Connect(_fixture, name + "-bulk");
        CountDrops(connection);
        _bulkConnections.Add(connection);
        return connection;
    }

    private void CountDrops(NatsConnection connection)
    {
        connection.MessageDropped += (_, _) =>
        {
            Interlocked.Increment(ref _dropped);
            return ValueTask.CompletedTask;
        };
        connection.SlowConsumerDetected += (_, _) =>
        {
            Interlocked.Increment(ref _dropped);
            return ValueTask.CompletedTask;
        };
    }

    /// <summary>
    /// Completes when every connection of the pair has reconnected (after a nats-server restart) and has
    /// made a round trip, so the subscriptions it restored are known to the new server.
    /// </summary>
    public Task WhenReconnectedAsync()
    {
        var connections = _agents.Select(a => a.Connection).Append(_edgeConnection).ToList();
        return Task.WhenAll(connections.Select(async connection =>
        {
            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.ConnectionOpened += (_, _) =>
            {
                opened.TrySetResult();
                return ValueTask.CompletedTask;
            };
            await opened.Task;
            await connection.PingAsync();
        }));
    }

    /// <summary>Completes when the edge's connection has noticed that its server is gone.</summary>
    public Task WhenEdgeDisconnectedAsync()
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _edgeConnection.ConnectionDisconnected += (_, _) =>
        {
            lost.TrySetResult();
            return ValueTask.CompletedTask;
        };
        return lost.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Invoker.Dispose();
        Handler.Dispose();
        await _edgeConnection.DisposeAsync();
        foreach (var (server, connection, upstream) in _agents)
        {
            await server.DisposeAsync();
            await connection.DisposeAsync();
            upstream.Dispose();
        }

        foreach (var connection in _bulkConnections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A connection as the fixture's user <paramref name="name"/> (its own JWT, TLS with the fixture's CA pinned).</summary>
    public static NatsConnection Connect(TunnelFixture fixture, string name) => new(fixture.Nats.ClientOpts(name) with
    {
        // The tunnel sets Wait on its own subscriptions; the connection default is set too, so nothing drops.
        SubPendingChannelFullMode = BoundedChannelFullMode.Wait,
    });
}
