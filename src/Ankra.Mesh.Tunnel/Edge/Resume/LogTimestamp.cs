namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// The timestamp the API server puts before each log line when asked for <c>timestamps=true</c>: RFC 3339 with up to
/// nine fractional digits (the kubelet trims trailing zeros), then one space. Lines are compared by a key with the
/// fraction padded to nine digits, so "…:05.1Z" sorts before "…:05.12Z" as the times do.
/// </summary>
internal readonly record struct LogTimestamp(int PrefixLength, string Text, string? Key)
{
    private const int ShortestStamp = 20; // 2006-01-02T15:04:05Z
    private const int LongestStamp = 35;  // 2006-01-02T15:04:05.999999999+07:00

    /// <summary>The stamp at the start of <paramref name="line"/>; <see cref="PrefixLength"/> is 0 when the line has none.</summary>
    public static LogTimestamp Parse(ReadOnlySpan<byte> line)
    {
        var space = line[..Math.Min(line.Length, LongestStamp + 1)].IndexOf((byte)' ');
        if (space < ShortestStamp || line[10] != (byte)'T' || line[4] != (byte)'-' || line[13] != (byte)':')
        {
            return default;
        }

        var stamp = line[..space];
        var text = System.Text.Encoding.ASCII.GetString(stamp);
        return new LogTimestamp(space + 1, text, OrderKey(stamp));
    }

    // Only UTC stamps get a key (the kubelet writes UTC on every node we know); another offset turns resuming off.
    private static string? OrderKey(ReadOnlySpan<byte> stamp)
    {
        if (stamp[^1] != (byte)'Z' || !IsDigits(stamp[..4]) || !IsDigits(stamp[17..19]))
        {
            return null;
        }

        var fraction = stamp[19..^1];
        if (fraction.IsEmpty)
        {
            return System.Text.Encoding.ASCII.GetString(stamp[..19]) + ".000000000";
        }

        if (fraction[0] != (byte)'.' || fraction.Length > 10 || !IsDigits(fraction[1..]))
        {
            return null;
        }

        return System.Text.Encoding.ASCII.GetString(stamp[..^1]).PadRight(29, '0');
    }

    private static bool IsDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');
}
