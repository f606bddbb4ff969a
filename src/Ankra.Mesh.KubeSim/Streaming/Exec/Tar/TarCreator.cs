using System.Formats.Tar;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec.Tar;

/// <summary>
/// <c>tar c</c> to stdout in GNU format (ustar headers, <c>././@LongLink</c> entries for names over 100
/// bytes), as GNU tar writes it: directories recurse in name order, member names lose their leading
/// <c>/</c> (with GNU tar's warning on stderr), files belong to root. Each file streams from its chunks
/// through a 32 KiB buffer to the transport, which applies backpressure.
/// </summary>
internal sealed class TarCreator(PodFileSystem files, CommandIo io, TarOptions options)
{
    private bool _failed;
    private bool _warnedAbsolute;

    /// <summary>Writes the archive and returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // Batches the 512-byte headers of small files into larger transport messages.
        await using (var output = new BufferedStream(new OutputSinkStream(io.Stdout), 32 * 1024))
        {
            await using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true))
            {
                foreach (var member in options.Members)
                {
                    await AddMemberAsync(writer, member, cancellationToken);
                }
            }

            await output.FlushAsync(cancellationToken);
        }

        if (!_failed)
        {
            return 0;
        }

        await ErrorAsync("Exiting with failure status due to previous errors", cancellationToken);
        return 2;
    }

    private async Task AddMemberAsync(TarWriter writer, TarMember member, CancellationToken cancellationToken)
    {
        var name = member.Path;
        if (name.StartsWith('/'))
        {
            name = name.TrimStart('/');
            if (!_warnedAbsolute)
            {
                _warnedAbsolute = true;
                await ErrorAsync("Removing leading `/' from member names", cancellationToken, fails: false);
            }
        }

        if (files.Find(PodPath.Combine(member.Directory, member.Path)) is not { } entry)
        {
            await ErrorAsync($"{member.Path}: Cannot stat: No such file or directory", cancellationToken);
            return;
        }

        await WriteAsync(writer, name.TrimEnd('/'), entry, cancellationToken);
    }

    private async Task WriteAsync(TarWriter writer, string name, PodFsEntry entry, CancellationToken cancellationToken)
    {
        if (options.Verbose)
        {
            // The archive is on stdout, so GNU tar lists to stderr.
            await io.Stderr.WriteAsync(Encoding.UTF8.GetBytes(name + (entry is PodDirectory ? "/\n" : "\n")), cancellationToken);
        }

        switch (entry)
        {
            case PodDirectory directory:
                var prefix = name.Length == 0 ? "" : name + "/";
                if (prefix.Length > 0)
                {
                    await writer.WriteEntryAsync(Header(TarEntryType.Directory, prefix, directory), cancellationToken);
                }

                foreach (var (childName, child) in files.List(directory))
                {
                    await WriteAsync(writer, prefix + childName, child, cancellationToken);
                }

                break;
            case PodFile file:
                await using (var data = new PodFileReadStream(files, file))
                {
                    var header = Header(TarEntryType.RegularFile, name, file);
                    header.DataStream = data;
                    await writer.WriteEntryAsync(header, cancellationToken);
                }

                break;
        }
    }

    private static GnuTarEntry Header(TarEntryType type, string name, PodFsEntry entry) =>
        new(type, name) { Mode = entry.Mode, ModificationTime = entry.ModifiedAt, UserName = "root", GroupName = "root" };

    private ValueTask ErrorAsync(string message, CancellationToken cancellationToken, bool fails = true)
    {
        _failed |= fails;
        return io.Stderr.WriteAsync(Encoding.UTF8.GetBytes($"tar: {message}\n"), cancellationToken);
    }
}
