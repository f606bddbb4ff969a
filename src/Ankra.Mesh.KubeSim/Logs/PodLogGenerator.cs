using System.Globalization;
using System.Text;

namespace Ankra.Mesh.KubeSim.Logs;

/// <summary>
/// The deterministic log of one container: line <c>i</c> is written at <c>start + i / rate</c> and its
/// text depends only on the pod, the container and <c>i</c>, so a test can predict every byte and a
/// benchmark can dial the throughput with the rate and the line size.
/// </summary>
internal sealed class PodLogGenerator(string pod, string container, DateTimeOffset start, double linesPerSecond, int lineBytes)
{
    public double LinesPerSecond { get; } = linesPerSecond;

    /// <summary>Lines written up to <paramref name="now"/> (the first at <c>start</c>).</summary>
    public long AvailableAt(DateTimeOffset now) =>
        now < start ? 0 : (long)Math.Floor((now - start).TotalSeconds * LinesPerSecond) + 1;

    /// <summary>The first line written at or after <paramref name="time"/>.</summary>
    public long FirstAtOrAfter(DateTimeOffset time) =>
        time <= start ? 0 : (long)Math.Ceiling((time - start).TotalSeconds * LinesPerSecond);

    public DateTimeOffset TimeOf(long index) => start + TimeSpan.FromSeconds(index / LinesPerSecond);

    /// <summary>Writes line <paramref name="index"/> (newline included) into <paramref name="destination"/>; returns its length.</summary>
    public int Write(long index, bool timestamps, Span<byte> destination)
    {
        var written = 0;
        if (timestamps)
        {
            var stamp = TimeOf(index).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z '", CultureInfo.InvariantCulture);
            written += Encoding.ASCII.GetBytes(stamp, destination);
        }

        var head = string.Create(CultureInfo.InvariantCulture, $"{pod} {container} line {index:D8} ");
        var body = destination[written..];
        var headLength = Encoding.ASCII.GetBytes(head.AsSpan(0, Math.Min(head.Length, lineBytes - 1)), body);
        for (var i = headLength; i < lineBytes - 1; i++)
        {
            body[i] = (byte)('a' + ((index + i) % 26));
        }

        body[lineBytes - 1] = (byte)'\n';
        return written + lineBytes;
    }

    /// <summary>Bytes one line can take with a timestamp.</summary>
    public int MaxLineBytes => lineBytes + 40;
}
