using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec.Tar;

/// <summary>
/// The built-in <c>tar</c>, enough for <c>kubectl cp</c> both ways: <c>tar [--no-same-permissions]
/// [--no-same-owner] -xmf - -C DIR</c> (upload) and <c>tar cf - PATH</c> (download), plus <c>t</c> and
/// <c>-v</c>. The archive is always stdin or stdout (<c>-f -</c>).
/// </summary>
internal static class TarCommand
{
    /// <summary>Runs <c>tar ARGS</c> and returns its exit code (2 for a usage error, as GNU tar).</summary>
    public static async Task<int> RunAsync(PodFileSystem files, CommandIo io, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        var (options, error) = TarOptions.Parse(args);
        if (options is null)
        {
            await io.Stderr.WriteAsync(Encoding.UTF8.GetBytes(error!), cancellationToken);
            return 2;
        }

        return options.Mode == 'c'
            ? await new TarCreator(files, io, options).RunAsync(cancellationToken)
            : await new TarExtractor(files, io, options).RunAsync(cancellationToken);
    }
}
