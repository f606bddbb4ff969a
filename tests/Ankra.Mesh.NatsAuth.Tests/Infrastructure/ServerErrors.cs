using System.Threading.Channels;
using NATS.Client.Core;

namespace Ankra.Mesh.NatsAuth.Tests.Infrastructure;

/// <summary>
/// Records the <c>-ERR</c> lines a connection receives (NATS.Client.Core raises <see cref="NatsConnection.ServerError"/>
/// for each) so a test can wait for a specific one instead of guessing from a timeout.
/// </summary>
internal sealed class ServerErrors
{
    private readonly Channel<NatsServerErrorEventArgs> _errors = Channel.CreateBounded<NatsServerErrorEventArgs>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

    private readonly List<NatsServerErrorEventArgs> _seen = [];

    public ServerErrors(NatsConnection connection) =>
        connection.ServerError += (_, e) =>
        {
            _errors.Writer.TryWrite(e);
            return ValueTask.CompletedTask;
        };

    /// <summary>Waits for an error of <paramref name="kind"/> whose text is <paramref name="error"/> (or any text when null).</summary>
    public async Task<NatsServerErrorEventArgs> WaitForAsync(NatsServerErrorKind kind, string? error = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var next = await _errors.Reader.ReadAsync(deadline.Token);
                _seen.Add(next);
                if (next.Kind == kind && (error is null || next.Error == error))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            var seen = string.Join("; ", _seen.Select(e => $"{e.Kind}: {e.Error}"));
            throw new TimeoutException($"No {kind} \"{error}\" within the deadline; errors seen: [{seen}]");
        }
    }

    /// <summary>Every error received so far (drains the queue).</summary>
    public IReadOnlyList<NatsServerErrorEventArgs> Drain()
    {
        while (_errors.Reader.TryRead(out var next))
        {
            _seen.Add(next);
        }

        return _seen;
    }
}
