using System.IO.Pipelines;
using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>
/// The agent's batching of a source into frames: whatever is already there goes out together, nothing waits
/// for more once the source would block, and the end is seen with the last bytes.
/// </summary>
public sealed class CoalescingReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReadAsync_SeveralWritesAlreadyThere_ComeAsOneBatchUpToTheChunkSize()
    {
        var pipe = new Pipe();
        foreach (var part in new[] { "aaaa", "bbbb", "cccc" })
        {
            await pipe.Writer.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"x{part}"));
        }

        using var reader = new CoalescingReader(new ChunkedStream(pipe.Reader.AsStream(), 5), chunkSize: 12, CancellationToken.None);

        // A batch is valid until the next call: read its text before asking for more.
        var first = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var (firstText, firstEnd) = (Text(first), first.End);
        var second = await reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("xaaaaxbbbbxc", firstText);
        Assert.False(firstEnd);
        Assert.Equal("ccc", Text(second));
        Assert.False(second.End);
    }

    [Fact]
    public async Task ReadAsync_SourceWouldWait_ReturnsWhatIsThereAtOnce()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("event-1"u8.ToArray());
        using var reader = new CoalescingReader(pipe.Reader.AsStream(), chunkSize: 1024, CancellationToken.None);

        var first = Text(await reader.ReadAsync().AsTask().WaitAsync(Timeout));
        var next = reader.ReadAsync().AsTask();
        await pipe.Writer.WriteAsync("event-2"u8.ToArray());
        var second = await next.WaitAsync(Timeout);

        Assert.Equal("event-1", first);
        Assert.Equal("event-2", Text(second));
    }

    [Fact]
    public async Task ReadAsync_EndAlreadyThere_ComesWithTheLastBytes()
    {
        using var reader = new CoalescingReader(new MemoryStream("the whole body"u8.ToArray()), chunkSize: 1024, CancellationToken.None);

        var batch = await reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("the whole body", Text(batch));
        Assert.True(batch.End);
    }

    [Fact]
    public void ReadAvailable_NothingThereYet_ReturnsEmptyWithoutWaiting()
    {
        var pipe = new Pipe();
        using var reader = new CoalescingReader(pipe.Reader.AsStream(), chunkSize: 1024, CancellationToken.None);

        var batch = reader.ReadAvailable();

        Assert.True(batch.Bytes.IsEmpty);
        Assert.False(batch.End);
    }

    [Fact]
    public async Task ReadAvailable_ThenReadAsync_BytesArrivingLaterAreNotLost()
    {
        var pipe = new Pipe();
        using var reader = new CoalescingReader(pipe.Reader.AsStream(), chunkSize: 1024, CancellationToken.None);
        Assert.True(reader.ReadAvailable().Bytes.IsEmpty);

        await pipe.Writer.WriteAsync("late"u8.ToArray());
        await pipe.Writer.CompleteAsync();
        var batch = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
        var end = batch.End ? batch : await reader.ReadAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal("late", Text(batch));
        Assert.True(end.End);
    }

    private static string Text(ReadBatch batch) => System.Text.Encoding.ASCII.GetString(batch.Bytes.Span);

    /// <summary>Hands out at most <c>max</c> bytes per read, like TLS records do.</summary>
    private sealed class ChunkedStream(Stream inner, int max) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, max)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, max));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
