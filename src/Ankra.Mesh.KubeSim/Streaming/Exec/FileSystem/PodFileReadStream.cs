namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// Reads one file's bytes as they were when it was opened, in whatever slices the caller asks for.
/// Seekable with a fixed <see cref="Length"/>, because <c>TarWriter</c> must know an entry's size before
/// it writes the header; the bytes themselves are copied from the file's chunks, never buffered whole.
/// </summary>
internal sealed class PodFileReadStream : Stream
{
    private readonly PodFileSystem _fileSystem;
    private readonly PodFileContent _content;
    private readonly long _length;
    private long _position;

    public PodFileReadStream(PodFileSystem fileSystem, PodFile file)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(file);
        _fileSystem = fileSystem;
        _content = file.Content;
        _length = file.Content.Length;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _fileSystem.Read(_content, _position, _length, buffer);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
