namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// A file's bytes in fixed 64 KiB chunks: appending never copies what is already stored, and no single
/// allocation grows with the file (a 64 MB file is 1,024 small arrays, not one large-object-heap buffer).
/// Not thread-safe: <see cref="PodFileSystem"/> calls it under its lock.
/// </summary>
internal sealed class PodFileContent
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var offset = (int)(Length % ChunkSize);
            if (offset == 0 && _chunks.Count * (long)ChunkSize == Length)
            {
                _chunks.Add(new byte[ChunkSize]);
            }

            var count = Math.Min(data.Length, ChunkSize - offset);
            data[..count].CopyTo(_chunks[^1].AsSpan(offset));
            data = data[count..];
            Length += count;
        }
    }

    /// <summary>Copies bytes from <paramref name="position"/> up to <paramref name="limit"/>; returns how many (0 at the end).</summary>
    public int Read(long position, long limit, Span<byte> destination)
    {
        var end = Math.Min(limit, Length);
        var total = 0;
        while (!destination.IsEmpty && position < end)
        {
            var chunk = _chunks[(int)(position / ChunkSize)];
            var offset = (int)(position % ChunkSize);
            var count = (int)Math.Min(Math.Min(destination.Length, ChunkSize - offset), end - position);
            chunk.AsSpan(offset, count).CopyTo(destination);
            destination = destination[count..];
            position += count;
            total += count;
        }

        return total;
    }
}
