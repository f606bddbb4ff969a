using System.Buffers;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// Reads a source (the API server's response, the upgraded pipe) in batches fit for one Data frame each:
/// it waits for the first byte, then adds whatever else the source already holds (reads that complete at
/// once) up to <c>chunkSize</c>, and stops as soon as a read would wait. A LIST that TLS hands over in
/// 16 KiB records thus leaves in 64 KiB frames, while a watch event or a keystroke leaves at once. It also
/// sees the end of a body that is already there, so the last frame can carry <c>end_of_stream</c>.
/// <para>While the source is quiet it holds no buffer (a zero-byte read waits for data, as YARP's copier
/// does): ten thousand idle watches must not pin ten thousand 64 KiB buffers.</para>
/// A batch stays valid until the next call. Not thread-safe: one reader.
/// </summary>
internal sealed class CoalescingReader(Stream source, int chunkSize, CancellationToken cancellationToken) : IDisposable
{
    private byte[]? _buffer;
    private int _start;
    private int _filled;
    private ValueTask<int>? _pending;
    private bool _ended;

    /// <summary>Waits for at least one byte or the end, then adds what else is already there.</summary>
    public async ValueTask<ReadBatch> ReadAsync()
    {
        Release();
        if (_ended)
        {
            return new ReadBatch(ReadOnlyMemory<byte>.Empty, true);
        }

        if (_pending is { } pending)
        {
            _pending = null;
            Absorb(await pending);
        }
        else
        {
            await WaitForDataAsync();
        }

        FillAvailable();
        return Batch();
    }

    /// <summary>The bytes (and end) that are there without waiting; empty when the next read would wait.</summary>
    public ReadBatch ReadAvailable()
    {
        Release();
        if (_pending is { IsCompleted: true } done)
        {
            _pending = null;
            Absorb(done.Result);
        }

        if (_pending is null && !_ended)
        {
            FillAvailable();
        }

        return Batch();
    }

    public void Dispose()
    {
        // A read still pending writes into the buffer: it is left to the collector rather than reused.
        if (_buffer is { } buffer && _pending is null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _buffer = null;
    }

    private ReadBatch Batch() => new(_buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, _filled - _start), _ended);

    // The previous batch was sent: its bytes are free, and the whole buffer once no read targets it.
    private void Release()
    {
        _start = _filled;
        if (_pending is null && _start == _filled)
        {
            _start = 0;
            _filled = 0;
        }
    }

    private async ValueTask WaitForDataAsync()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        // Its result carries nothing: a zero-byte read only waits until the source has data (or ended).
        _ = await source.ReadAsync(Memory<byte>.Empty, cancellationToken);
        _buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        Absorb(await source.ReadAsync(_buffer.AsMemory(0, chunkSize), cancellationToken));
    }

    private void FillAvailable()
    {
        while (!_ended && _filled < chunkSize)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(chunkSize);
            var read = source.ReadAsync(_buffer.AsMemory(_filled, chunkSize - _filled), cancellationToken);
            if (!read.IsCompleted)
            {
                _pending = read;
                return;
            }

            Absorb(read.Result);
        }
    }

    private void Absorb(int read)
    {
        if (read == 0)
        {
            _ended = true;
        }

        _filled += read;
    }
}
