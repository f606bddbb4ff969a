using System.IO.Pipelines;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// <c>a | b | c</c> inside <c>sh -c</c>: every stage runs at once, each one's stdout feeding the next one's
/// stdin through a bounded <see cref="Pipe"/>; stderr is shared and the status is the last stage's. A stage
/// that ends closes both of its pipe ends, so the next one sees end of input and the one before gets
/// "Broken pipe" on its next write and exits 141 (128 + SIGPIPE), as in a shell — no stage waits forever.
/// </summary>
internal static class ShellPipeline
{
    private const int BrokenPipeStatus = 141;

    private static readonly PipeOptions Options = new(
        pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false);

    /// <summary>Runs the stages with <paramref name="run"/> and returns the last stage's exit code.</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<IReadOnlyList<string>> stages,
        CommandIo io,
        Func<CommandIo, IReadOnlyList<string>, CancellationToken, Task<int>> run,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(io);
        var pipes = Enumerable.Range(0, stages.Count - 1).Select(_ => new Pipe(Options)).ToArray();
        var running = new Task<int>[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            var input = i > 0 ? pipes[i - 1].Reader : null;
            var output = i < pipes.Length ? pipes[i].Writer : null;
            var sink = output is null ? null : new PipeSink(output);
            var stageIo = io with { Stdin = input?.AsStream() ?? io.Stdin, Stdout = sink ?? io.Stdout };
            running[i] = RunStageAsync(run, stageIo, stages[i], input, output, sink, cancellationToken);
        }

        var codes = await Task.WhenAll(running);
        return codes[^1];
    }

    private static async Task<int> RunStageAsync(
        Func<CommandIo, IReadOnlyList<string>, CancellationToken, Task<int>> run,
        CommandIo io,
        IReadOnlyList<string> words,
        PipeReader? input,
        PipeWriter? output,
        PipeSink? sink,
        CancellationToken cancellationToken)
    {
        try
        {
            // Yield first, so one stage's synchronous start never delays the others.
            await Task.Yield();
            return await run(io, words, cancellationToken);
        }
        catch (IOException) when (sink is { IsBroken: true })
        {
            return BrokenPipeStatus;
        }
        finally
        {
            if (output is not null)
            {
                await output.CompleteAsync();
            }

            if (input is not null)
            {
                await input.CompleteAsync();
            }
        }
    }
}
