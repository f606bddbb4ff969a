using Ankra.Mesh.Contracts.V1;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>
/// The accept of a request without a body, held back for at most <see cref="TunnelOptions.EarlyResponseWait"/>
/// so the API server's response head can travel with it. Exactly one party sends it: the response path
/// (with the head) or the timer (plain) — whoever claims it first. Frames of the stream may only follow
/// once <see cref="Sent"/> completed, so the edge always knows the stream before its frames arrive.
/// </summary>
internal sealed class PendingAccept(NatsMsg<OpenStream> open, StreamAccepted accepted) : IDisposable
{
    private readonly TaskCompletionSource<bool> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _claimed;
    private Timer? _timer;

    public NatsMsg<OpenStream> Open => open;

    public StreamAccepted Accepted => accepted;

    /// <summary>True once the accept is on the wire; false when it could not be sent (the stream is then dead).</summary>
    public Task<bool> Sent => _sent.Task;

    /// <summary>Sends the plain accept through <paramref name="sendPlain"/> after <paramref name="wait"/> unless claimed before.</summary>
    public void SendPlainAfter(TimeSpan wait, Func<PendingAccept, Task> sendPlain) =>
        _timer = new Timer(_ => _ = sendPlain(this), null, wait, Timeout.InfiniteTimeSpan);

    /// <summary>Makes the caller the one who sends the accept; false when someone already is.</summary>
    public bool TryClaim()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            return false;
        }

        _timer?.Dispose();
        return true;
    }

    /// <summary>Records whether the claimed accept went out.</summary>
    public void Complete(bool sent) => _sent.TrySetResult(sent);

    public void Dispose() => _timer?.Dispose();
}
