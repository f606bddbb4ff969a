using System.Globalization;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec.Tar;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// The commands a simulated container can run (there is no real process):
/// <list type="bullet">
/// <item><c>echo [-n] WORDS...</c>, <c>cat</c> (stdin to stdout until stdin ends), <c>env</c> (the pod's
/// environment, <c>KEY=value</c> per line), <c>sleep SECONDS</c>, <c>exit N</c>, <c>true</c>, <c>false</c>,
/// <c>hostname</c> (the pod name), <c>stty size</c> (rows and columns of the tty).</item>
/// <item><c>bytes N</c>: N bytes of <see cref="DeterministicBytes"/> to stdout (N may end in K, M or G).</item>
/// <item>Over the pod's in-memory file system (<see cref="StreamingPod.Files"/>): <c>tar</c> (see <see cref="TarCommand"/>;
/// what <c>kubectl cp</c> runs), <c>cat FILE...</c>, <c>ls</c>, <c>mkdir</c>, <c>rm</c>, <c>test</c>/<c>[</c> (see <see cref="FileCommands"/>).</item>
/// <item><c>tail -c +N</c>: stdin from byte N on (what <c>kubectl cp --retries</c> pipes <c>tar</c> into).</item>
/// <item><c>sh -c SCRIPT</c> / <c>bash -c SCRIPT</c>: those commands joined with <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>
/// and pipes <c>|</c> (see <see cref="ShellScript"/>, <see cref="ShellPipeline"/>). A leading path (<c>/bin/echo</c>) is ignored.</item>
/// </list>
/// An unknown command exits 127 with a shell-like message on stderr.
/// </summary>
internal sealed class BuiltInCommands(StreamingPod pod, CommandIo io)
{
    /// <summary>Runs the exec command line and returns its exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var name = Path.GetFileName(argv[0]);
        if (name is "sh" or "bash" && argv.Count >= 3 && argv[1] == "-c")
        {
            return await RunScriptAsync(argv[2], cancellationToken);
        }

        var code = await RunOneAsync(argv, cancellationToken);
        if (code is null)
        {
            await WriteAsync(io.Stderr, $"exec: \"{argv[0]}\": executable file not found in $PATH\n", cancellationToken);
            return 127;
        }

        return code.Value;
    }

    private async Task<int> RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        var status = 0;
        var commands = ShellScript.Parse(script);
        for (var i = 0; i < commands.Count;)
        {
            // A pipeline is a command plus the ones joined to it with "|"; "&&" and "||" apply to it as a whole.
            var (op, words) = commands[i];
            var stages = new List<IReadOnlyList<string>> { words };
            for (i++; i < commands.Count && commands[i].Operator == "|"; i++)
            {
                stages.Add(commands[i].Words);
            }

            if ((op == "&&" && status != 0) || (op == "||" && status == 0))
            {
                continue;
            }

            if (stages.Count == 1 && Path.GetFileName(words[0]) == "exit")
            {
                return words.Count > 1 && int.TryParse(words[1], CultureInfo.InvariantCulture, out var code) ? code & 0xff : status;
            }

            status = stages.Count == 1
                ? await RunInShellAsync(words, cancellationToken)
                : await ShellPipeline.RunAsync(stages, io, (stageIo, stage, token) => new BuiltInCommands(pod, stageIo).RunInShellAsync(stage, token), cancellationToken);
        }

        return status;
    }

    private async Task<int> RunInShellAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var result = await RunOneAsync(words, cancellationToken);
        if (result is null)
        {
            await WriteAsync(io.Stderr, $"sh: 1: {words[0]}: not found\n", cancellationToken);
        }

        return result ?? 127;
    }

    // Returns null for an unknown command, so the caller can word the error like its "shell".
    private async Task<int?> RunOneAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var args = words.Skip(1).ToArray();
        var files = new FileCommands(pod.Files, io);
        switch (Path.GetFileName(words[0]))
        {
            case "tar":
                return await TarCommand.RunAsync(pod.Files, io, args, cancellationToken);
            case "tail":
                return await TailCommand.RunAsync(io, args, cancellationToken);
            case "cat" when args.Length > 0:
                return await files.CatAsync(args, cancellationToken);
            case "ls":
                return await files.ListAsync(args, cancellationToken);
            case "mkdir":
                return await files.MakeDirectoryAsync(args, cancellationToken);
            case "rm":
                return await files.RemoveAsync(args, cancellationToken);
            case "test":
                return await files.TestAsync(args, cancellationToken);
            case "[" when args.LastOrDefault() == "]":
                return await files.TestAsync(args[..^1], cancellationToken);
            case "echo":
                var newline = args.FirstOrDefault() != "-n";
                var text = string.Join(' ', newline ? args : args[1..]);
                await WriteAsync(io.Stdout, newline ? text + "\n" : text, cancellationToken);
                return 0;
            case "cat":
                await io.Stdout.CopyFromAsync(io.Stdin, cancellationToken);
                return 0;
            case "env":
                var lines = pod.Environment.Select(pair => $"{pair.Key}={pair.Value}\n");
                await WriteAsync(io.Stdout, string.Concat(lines), cancellationToken);
                return 0;
            case "hostname":
                await WriteAsync(io.Stdout, pod.Name + "\n", cancellationToken);
                return 0;
            case "sleep":
                if (args.Length == 0 || !double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                {
                    await WriteAsync(io.Stderr, "sleep: invalid time interval\n", cancellationToken);
                    return 1;
                }

                await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000)), cancellationToken);
                return 0;
            case "exit":
                return args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var code) ? code & 0xff : 0;
            case "true":
                return 0;
            case "false":
                return 1;
            case "bytes":
                if (args.Length == 0 || !DeterministicBytes.TryParseCount(args[0], out var count))
                {
                    await WriteAsync(io.Stderr, "bytes: usage: bytes N[K|M|G]\n", cancellationToken);
                    return 2;
                }

                await DeterministicBytes.WriteAsync(count, io.Stdout.WriteAsync, cancellationToken);
                return 0;
            case "stty" when args is ["size"]:
                var size = io.Terminal?.Size;
                if (size is null)
                {
                    await WriteAsync(io.Stderr, "stty: 'standard input': Inappropriate ioctl for device\n", cancellationToken);
                    return 1;
                }

                await WriteAsync(io.Stdout, $"{size.Value.Height} {size.Value.Width}\n", cancellationToken);
                return 0;
            default:
                return null;
        }
    }

    private static ValueTask WriteAsync(IOutputSink sink, string text, CancellationToken cancellationToken) =>
        text.Length == 0 ? ValueTask.CompletedTask : sink.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}
