using System.Globalization;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// The coreutils-like commands over the pod's file system, with the working directory <c>/</c>:
/// <c>cat FILE...</c>, <c>ls [-l] [PATH...]</c>, <c>mkdir [-p] DIR...</c>, <c>rm [-r] [-f] PATH...</c>,
/// <c>test -d|-f|-e|-s PATH</c> (also as <c>[ ... ]</c>). Messages are worded as coreutils words them.
/// </summary>
internal sealed class FileCommands(PodFileSystem files, CommandIo io)
{
    private const string WorkingDirectory = "/";

    /// <summary><c>cat</c> with file operands (<c>-</c> is stdin); without operands <see cref="BuiltInCommands"/> copies stdin.</summary>
    public async Task<int> CatAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var status = 0;
        foreach (var path in paths)
        {
            switch (path == "-" ? null : files.Find(Resolve(path)))
            {
                case null when path == "-":
                    await io.Stdout.CopyFromAsync(io.Stdin, cancellationToken);
                    break;
                case PodFile file:
                    await using (var data = new PodFileReadStream(files, file))
                    {
                        await io.Stdout.CopyFromAsync(data, cancellationToken);
                    }

                    break;
                case PodDirectory:
                    status = await FailAsync($"cat: {path}: Is a directory", cancellationToken);
                    break;
                default:
                    status = await FailAsync($"cat: {path}: No such file or directory", cancellationToken);
                    break;
            }
        }

        return status;
    }

    /// <summary><c>ls [-l] [-a] [-1] [PATH...]</c>: one name per line; <c>-l</c> adds mode, owner, size and time.</summary>
    public async Task<int> ListAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var flags = string.Concat(args.Where(a => a.StartsWith('-') && a.Length > 1).Select(a => a[1..]));
        if (flags.FirstOrDefault(f => f is not ('l' or 'a' or '1')) is var unknown and not '\0')
        {
            return await FailAsync($"ls: invalid option -- '{unknown}'", cancellationToken, 2);
        }

        var paths = args.Where(a => !a.StartsWith('-') || a.Length == 1).DefaultIfEmpty(".").ToList();
        var status = 0;
        var output = new StringBuilder();
        foreach (var path in paths)
        {
            switch (files.Find(Resolve(path)))
            {
                case PodDirectory directory:
                    if (paths.Count > 1)
                    {
                        output.Append(CultureInfo.InvariantCulture, $"{path}:\n");
                    }

                    foreach (var (name, entry) in files.List(directory))
                    {
                        output.Append(Line(name, entry, flags.Contains('l', StringComparison.Ordinal)));
                    }

                    break;
                case { } entry:
                    output.Append(Line(path, entry, flags.Contains('l', StringComparison.Ordinal)));
                    break;
                default:
                    status = await FailAsync($"ls: cannot access '{path}': No such file or directory", cancellationToken, 2);
                    break;
            }
        }

        await WriteAsync(io.Stdout, output.ToString(), cancellationToken);
        return status;
    }

    /// <summary><c>mkdir [-p] DIR...</c>.</summary>
    public Task<int> MakeDirectoryAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parents = args.Contains("-p");
        return EachAsync(args.Where(a => a != "-p"), "mkdir: cannot create directory", path => files.CreateDirectory(path, parents), cancellationToken);
    }

    /// <summary><c>rm [-r|-R] [-f] PATH...</c>: a directory needs <c>-r</c>; <c>-f</c> ignores missing paths.</summary>
    public Task<int> RemoveAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var flags = string.Concat(args.Where(a => a.StartsWith('-')).Select(a => a[1..]));
        var recursive = flags.Contains('r', StringComparison.Ordinal) || flags.Contains('R', StringComparison.Ordinal);
        var force = flags.Contains('f', StringComparison.Ordinal);
        return EachAsync(args.Where(a => !a.StartsWith('-')), "rm: cannot remove", path =>
        {
            var entry = files.Find(path);
            if (entry is null && force)
            {
                return;
            }

            if (entry is PodDirectory && !recursive)
            {
                throw PodFileSystemException.IsADirectory();
            }

            files.Remove(path, recursive);
        }, cancellationToken);
    }

    /// <summary><c>test -d|-f|-e|-s PATH</c>: 0 when true, 1 when false, 2 for an expression it does not know.</summary>
    public async Task<int> TestAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        if (args is not [var op, var path] || op is not ("-d" or "-f" or "-e" or "-s"))
        {
            return await FailAsync($"test: unsupported expression '{string.Join(' ', args)}' (this simulated shell knows -d, -f, -e, -s PATH)", cancellationToken, 2);
        }

        var entry = files.Find(Resolve(path));
        var result = op switch
        {
            "-d" => entry is PodDirectory,
            "-f" => entry is PodFile,
            "-s" => entry is PodFile { Content.Length: > 0 },
            _ => entry is not null,
        };
        return result ? 0 : 1;
    }

    private async Task<int> EachAsync(IEnumerable<string> paths, string verb, Action<string> action, CancellationToken cancellationToken)
    {
        var status = 0;
        foreach (var path in paths)
        {
            try
            {
                action(Resolve(path));
            }
            catch (PodFileSystemException exception)
            {
                status = await FailAsync($"{verb} '{path}': {exception.Message}", cancellationToken);
            }
        }

        return status;
    }

    private static string Line(string name, PodFsEntry entry, bool detailed)
    {
        if (!detailed)
        {
            return name + "\n";
        }

        var size = entry is PodFile file ? file.Content.Length : 4096;
        var kind = entry is PodDirectory ? 'd' : '-';
        return string.Create(CultureInfo.InvariantCulture, $"{kind}{Permissions(entry.Mode)} 1 root root {size,8} {entry.ModifiedAt.UtcDateTime:MMM dd HH:mm} {name}\n");
    }

    private static string Permissions(UnixFileMode mode)
    {
        var bits = (int)mode;
        var text = new char[9];
        for (var i = 0; i < 9; i++)
        {
            text[i] = (bits & (1 << (8 - i))) != 0 ? "rwx"[i % 3] : '-';
        }

        return new string(text);
    }

    private static string Resolve(string path) => PodPath.Combine(WorkingDirectory, path);

    private async Task<int> FailAsync(string message, CancellationToken cancellationToken, int code = 1)
    {
        await WriteAsync(io.Stderr, message + "\n", cancellationToken);
        return code;
    }

    private static ValueTask WriteAsync(IOutputSink sink, string text, CancellationToken cancellationToken) =>
        text.Length == 0 ? ValueTask.CompletedTask : sink.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}
