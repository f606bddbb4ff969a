using System.Globalization;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// <c>tail -c +N</c> (also <c>-c+N</c>): stdin from its N-th byte on. <c>kubectl cp --retries</c> runs
/// <c>sh -c "tar cf - PATH | tail -c+N"</c> to resume a download after N-1 bytes; other forms are refused.
/// </summary>
internal static class TailCommand
{
    /// <summary>Runs <c>tail ARGS</c> and returns its exit code.</summary>
    public static async Task<int> RunAsync(CommandIo io, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        var spec = args switch
        {
            ["-c", var value] => value,
            [var joined] when joined.StartsWith("-c", StringComparison.Ordinal) => joined[2..],
            _ => null,
        };
        if (spec is null || !spec.StartsWith('+') || !long.TryParse(spec.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            await io.Stderr.WriteAsync(Encoding.UTF8.GetBytes("tail: only 'tail -c +N' (stdin from byte N on) is supported by this simulated shell\n"), cancellationToken);
            return 1;
        }

        // Byte numbers start at 1: "+1" is everything, "+0" too (as in coreutils).
        var skip = Math.Max(0, first - 1);
        var buffer = new byte[32 * 1024];
        while (skip > 0)
        {
            var read = await io.Stdin.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, skip)), cancellationToken);
            if (read == 0)
            {
                return 0;
            }

            skip -= read;
        }

        await io.Stdout.CopyFromAsync(io.Stdin, cancellationToken);
        return 0;
    }
}
