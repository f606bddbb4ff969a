using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// Whether one NATS connection can carry an open right now, and a token that is cancelled when it is lost.
/// NATS.Client.Core parks a publish on a disconnected connection until it has reconnected
/// (<c>NatsOpts.PublishTimeoutOnDisconnected</c> is off), so an open sent then would wait for the bus to come back
/// and its timeout would never start: kubectl hung for its own 45 s. The edge asks <see cref="IsDown"/> before it
/// sends, and an open already waiting for its reply is cancelled through <see cref="Lost"/> when the connection drops
/// (a reply, if any, went to a connection that no longer exists).
/// </summary>
internal sealed class NatsConnectionWatch : IDisposable
{
    private readonly INatsConnection _connection;

    // One source per connected period: cancelled on disconnect, replaced on (re)connect. Replaced sources are
    // never disposed, because callers may still link to their (cancelled) tokens.
    private CancellationTokenSource _lost = new();

    public NatsConnectionWatch(INatsConnection connection)
    {
        _connection = connection;
        connection.ConnectionDisconnected += OnDisconnectedAsync;
        connection.ConnectionOpened += OnOpenedAsync;
        if (IsDown)
        {
            _lost.Cancel();
        }
    }

    /// <summary>
    /// True while the client is reconnecting (or gave up). A connection that was never opened is not down: the
    /// first use connects it, and a failure to connect is reported then.
    /// </summary>
    public bool IsDown => _connection.ConnectionState is NatsConnectionState.Reconnecting or NatsConnectionState.Failed;

    /// <summary>Cancelled when the connection of the current connected period is lost.</summary>
    public CancellationToken Lost => Volatile.Read(ref _lost).Token;

    public void Dispose()
    {
        _connection.ConnectionDisconnected -= OnDisconnectedAsync;
        _connection.ConnectionOpened -= OnOpenedAsync;
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs args) => new(Volatile.Read(ref _lost).CancelAsync());

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs args)
    {
        var current = Volatile.Read(ref _lost);
        if (current.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _lost, new CancellationTokenSource(), current);
        }

        return ValueTask.CompletedTask;
    }
}
