using System.IO.Pipelines;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// One stream kubectl opened on a SPDY connection. Inbound DATA lands in a bounded pipe (the read
/// loop waits when it is full, so a slow consumer slows the peer instead of growing memory);
/// outbound data goes straight to the frame writer.
/// </summary>
internal sealed class SpdyStream : IOutputSink, IDisposable
{
    // Per-stream inbound buffer bounds: the read loop pauses above 256 KiB until the consumer drains to 128 KiB.
    private static readonly PipeOptions InboundOptions = new(
        pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false);

    private readonly Pipe _inbound = new(InboundOptions);
    private readonly SpdyFrameWriter _writer;
    private readonly CancellationTokenSource _reset = new();
    private int _finSent;
    private bool _inputEnded; // touched only by the connection's read loop

    public SpdyStream(uint id, IReadOnlyDictionary<string, string> headers, SpdyFrameWriter writer)
    {
        Id = id;
        Headers = headers;
        _writer = writer;
        Input = _inbound.Reader.AsStream();
    }

    /// <summary>The stream id kubectl chose (odd).</summary>
    public uint Id { get; }

    /// <summary>The SYN_STREAM headers (lower-case names; lookups ignore case).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The <c>streamType</c> header Kubernetes uses to say what the stream carries.</summary>
    public string StreamType => Headers.GetValueOrDefault("streamtype", string.Empty);

    /// <summary>What the peer sends on this stream; ends when the peer half-closes or resets it.</summary>
    public Stream Input { get; }

    /// <summary>Cancelled when the peer resets the stream or the connection ends.</summary>
    public CancellationToken Aborted => _reset.Token;

    /// <summary>True once we half-closed the stream.</summary>
    public bool IsClosedBySelf => Volatile.Read(ref _finSent) != 0;

    /// <summary>Sends data on the stream.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        data.IsEmpty || IsClosedBySelf ? ValueTask.CompletedTask : _writer.WriteDataAsync(Id, data, fin: false, cancellationToken);

    /// <summary>Half-closes the stream (an empty DATA frame with FLAG_FIN), once.</summary>
    public ValueTask CloseAsync(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _finSent, 1) != 0 || _reset.IsCancellationRequested
            ? ValueTask.CompletedTask
            : _writer.WriteDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, cancellationToken);

    /// <summary>Stops reading: data the peer still sends on this stream is dropped.</summary>
    public void AbandonInput() => _inbound.Reader.Complete();

    /// <summary>Called by the read loop with a DATA payload; waits while the pipe is full.</summary>
    internal async ValueTask DeliverAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // DATA after the peer's FIN (or after a reset) is a peer error; it is dropped, not fatal.
        if (!data.IsEmpty && !_inputEnded)
        {
            // After AbandonInput the write reports completion instead of blocking: the bytes are dropped.
            await _inbound.Writer.WriteAsync(data, cancellationToken);
        }
    }

    /// <summary>Called by the read loop when the peer half-closes the stream.</summary>
    internal void CompleteInput()
    {
        _inputEnded = true;
        _inbound.Writer.Complete();
    }

    /// <summary>Called by the read loop on RST_STREAM or when the connection ends.</summary>
    internal void Reset()
    {
        _inputEnded = true;
        _inbound.Writer.Complete();
        if (!_reset.IsCancellationRequested)
        {
            _reset.Cancel();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reset.Dispose();
        _inbound.Reader.Complete();
    }
}
