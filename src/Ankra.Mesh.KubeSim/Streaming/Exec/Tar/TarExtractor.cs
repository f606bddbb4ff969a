using System.Buffers;
using System.Formats.Tar;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec.Tar;

/// <summary>
/// <c>tar x</c> (and <c>tar t</c>) from stdin into the pod's file system, one entry at a time: each file's
/// bytes go from the archive stream to the file in 64 KiB slices, so a 64 MB copy is never held twice.
/// <see cref="TarReader"/> resolves ustar prefixes, GNU long names (<c>././@LongLink</c>) and PAX paths.
/// Messages and exit codes follow GNU tar, except that a full file system ("No space left on device")
/// exits 1; unlike GNU tar the partial file is removed, so a failed copy does not leave the pod full.
/// </summary>
internal sealed class TarExtractor(PodFileSystem files, CommandIo io, TarOptions options)
{
    private const UnixFileMode Umask = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    private bool _failed;
    private bool _noSpace;
    private bool _warnedAbsolute;

    /// <summary>Reads the archive to its end and returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (options.Mode == 'x' && files.Find(options.Directory) is not PodDirectory)
        {
            var reason = files.Find(options.Directory) is null ? PodFileSystemException.NotFound() : PodFileSystemException.NotADirectory();
            await ErrorAsync($"{options.Directory}: Cannot open: {reason.Message}", cancellationToken);
            await ErrorAsync("Error is not recoverable: exiting now", cancellationToken);
            return 2;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using (var reader = new TarReader(io.Stdin, leaveOpen: true))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
                {
                    await ProcessAsync(entry, buffer, cancellationToken);
                }
            }

            // kubectl closes stdin right after the end-of-archive blocks; reading to its end lets the
            // client finish its write before the exit status closes the stream.
            while (await io.Stdin.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException)
        {
            await ErrorAsync("This does not look like a tar archive", cancellationToken);
            _failed = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!_failed)
        {
            return 0;
        }

        await ErrorAsync("Exiting with failure status due to previous errors", cancellationToken);
        return _noSpace ? 1 : 2;
    }

    private async Task ProcessAsync(TarEntry entry, byte[] buffer, CancellationToken cancellationToken)
    {
        if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
        {
            return;
        }

        var name = entry.Name;
        if (name.StartsWith('/'))
        {
            name = name.TrimStart('/');
            if (!_warnedAbsolute)
            {
                _warnedAbsolute = true;
                await ErrorAsync("Removing leading `/' from member names", cancellationToken, fails: false);
            }
        }

        if (PodPath.Segments(name).Contains(".."))
        {
            await ErrorAsync($"{name}: Member name contains '..'", cancellationToken);
            return;
        }

        if (options.Verbose)
        {
            // GNU tar lists to stdout, except while the archive itself goes there.
            await WriteAsync(io.Stdout, name + "\n", cancellationToken);
        }

        if (options.Mode == 't' || name.Length == 0)
        {
            return;
        }

        var path = PodPath.Combine(options.Directory, name);
        var mode = options.NoSamePermissions ? entry.Mode & ~Umask : entry.Mode;
        try
        {
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    var directory = files.CreateDirectory(path, parents: true, mode);
                    KeepTime(directory, entry);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await ExtractFileAsync(entry, name, path, mode, buffer, cancellationToken);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    await ErrorAsync($"{name}: Cannot create link to '{entry.LinkName}': Operation not supported", cancellationToken);
                    break;
                default:
                    await ErrorAsync($"{name}: Unknown file type '{(char)entry.EntryType}', ignored", cancellationToken);
                    break;
            }
        }
        catch (PodFileSystemException exception)
        {
            await ErrorAsync($"{name}: Cannot open: {exception.Message}", cancellationToken);
        }
    }

    private async Task ExtractFileAsync(TarEntry entry, string name, string path, UnixFileMode mode, byte[] buffer, CancellationToken cancellationToken)
    {
        // GNU tar creates missing parent directories of a member.
        var parent = PodPath.Combine(path, "..");
        if (files.Find(parent) is null)
        {
            files.CreateDirectory(parent, parents: true);
        }

        var file = files.CreateFile(path, mode);
        if (entry.DataStream is { } data)
        {
            int read;
            while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
            {
                try
                {
                    files.Append(file, buffer.AsSpan(0, read));
                }
                catch (PodFileSystemException exception)
                {
                    // The rest of this member is skipped by the reader when it moves to the next one.
                    files.Remove(path, recursive: false);
                    _noSpace = true;
                    await ErrorAsync($"{name}: Cannot write: {exception.Message}", cancellationToken);
                    return;
                }
            }
        }

        KeepTime(file, entry);
    }

    private void KeepTime(PodFsEntry target, TarEntry entry)
    {
        if (!options.Touch)
        {
            files.SetModifiedAt(target, entry.ModificationTime);
        }
    }

    private ValueTask ErrorAsync(string message, CancellationToken cancellationToken, bool fails = true)
    {
        _failed |= fails;
        return WriteAsync(io.Stderr, $"tar: {message}\n", cancellationToken);
    }

    private static ValueTask WriteAsync(IOutputSink sink, string text, CancellationToken cancellationToken) =>
        sink.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}
