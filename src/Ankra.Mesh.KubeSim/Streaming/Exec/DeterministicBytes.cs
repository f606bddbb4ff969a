using System.Globalization;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// The data <c>bytes N</c> writes: byte <c>i</c> of the output is <c>Pattern[i % 64]</c>, i.e. 63 printable
/// characters (<c>0-9A-Za-z-</c>) and a newline, repeated — deterministic, so a throughput test can
/// verify every byte, and harmless on a terminal.
/// </summary>
internal static class DeterministicBytes
{
    /// <summary>The 64-byte line that repeats.</summary>
    public static ReadOnlySpan<byte> Pattern => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-\n"u8;

    private const int ChunkSize = 32 * 1024;

    /// <summary>Parses a count: digits with an optional binary suffix K, M or G (<c>bytes 10M</c>).</summary>
    public static bool TryParseCount(string text, out long count)
    {
        ArgumentNullException.ThrowIfNull(text);
        var multiplier = 1L;
        var suffix = text.Length > 1 ? char.ToUpperInvariant(text[^1]) : '\0';
        if (suffix is 'K' or 'M' or 'G')
        {
            multiplier = suffix switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            text = text[..^1];
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= long.MaxValue / multiplier)
        {
            count = value * multiplier;
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Writes <paramref name="count"/> bytes of the pattern to <paramref name="write"/> in 32 KiB chunks.</summary>
    public static async Task WriteAsync(long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        // 32 KiB is a multiple of 64, so every chunk starts at pattern offset 0.
        var chunk = new byte[ChunkSize];
        for (var i = 0; i < chunk.Length; i += Pattern.Length)
        {
            Pattern.CopyTo(chunk.AsSpan(i));
        }

        while (count > 0)
        {
            var length = (int)Math.Min(count, ChunkSize);
            await write(chunk.AsMemory(0, length), cancellationToken);
            count -= length;
        }
    }
}
