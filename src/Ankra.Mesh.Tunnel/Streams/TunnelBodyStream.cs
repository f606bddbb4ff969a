using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// A <see cref="Stream"/> over a tunnel stream: readable (a response body, a request body on the agent),
/// writable (a request body on the edge), or both (the byte pipe after a 101, which YARP reads and
/// writes). Disposing a readable one before the stream ended resets the stream, so an abandoned body
/// frees its state; a write-only one ends with the writer's End.
/// </summary>
internal sealed class TunnelBodyStream : Stream
{
    private readonly TunnelStream _stream;
    private readonly bool _canRead;
    private readonly bool _canWrite;

    public TunnelBodyStream(TunnelStream stream, bool canRead, bool canWrite)
    {
        _stream = stream;
        _canRead = canRead;
        _canWrite = canWrite;
    }

    public override bool CanRead => _canRead;

    public override bool CanWrite => _canWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _canRead ? _stream.ReadAsync(buffer, cancellationToken) : throw new NotSupportedException();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _canWrite ? _stream.WriteAsync(buffer, cancellationToken) : throw new NotSupportedException();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    // Every write is already a frame on the wire; there is nothing to flush.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _canRead && !_stream.IsClosed)
        {
            _stream.Reset(new TunnelException(TunnelFailure.Cancelled, "the reader or writer of the stream went away"), ResetReason.Cancelled);
        }

        base.Dispose(disposing);
    }
}
