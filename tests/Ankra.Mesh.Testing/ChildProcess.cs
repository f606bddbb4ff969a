using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ankra.Mesh.Testing;

/// <summary>
/// A process a test started: its output is kept (bounded) for failure messages, a test can wait for
/// a line it prints, and disposal stops it by its process id — never by name. Every pid is also
/// written to <c>$MESH_TEST_PID_DIR</c> (when set) so <c>./mesh test</c> can stop what a crashed
/// test host left behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 400;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Lock _waitersLock = new();
    private readonly string? _pidFile;
    private readonly int _stopSignal;
    private readonly Action<string>? _onLine;
    private StreamWriter? _log;

    private ChildProcess(Process process, string name, int stopSignal, string? logFile, Action<string>? onLine)
    {
        _process = process;
        _stopSignal = stopSignal;
        _onLine = onLine;
        _log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true };
        Name = name;
        Id = process.Id;
        var pidDir = Environment.GetEnvironmentVariable("MESH_TEST_PID_DIR");
        if (!string.IsNullOrEmpty(pidDir) && Directory.Exists(pidDir))
        {
            _pidFile = Path.Combine(pidDir, $"{Id}.pid");
            File.WriteAllText(_pidFile, $"{Id} {name}\n");
        }
    }

    /// <summary>Short name used in messages.</summary>
    public string Name { get; }

    /// <summary>The operating-system process id.</summary>
    public int Id { get; }

    /// <summary>True until the process has exited.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Completes when the process exits, with its exit code.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(0);

    /// <summary>
    /// The process's standard input, when the caller set <see cref="ProcessStartInfo.RedirectStandardInput"/>; it stays
    /// open until the test closes it or the process is stopped.
    /// </summary>
    public StreamWriter StandardInput => _process.StartInfo.RedirectStandardInput
        ? _process.StandardInput
        : throw new InvalidOperationException($"{Name} was started without RedirectStandardInput.");

    /// <summary>The last lines the process printed on stdout and stderr.</summary>
    public string RecentOutput => string.Join('\n', _lines);

    /// <summary>
    /// Starts <paramref name="startInfo"/> with output captured. <paramref name="stopSignal"/> is sent
    /// first on disposal (SIGTERM by default); SIGKILL follows if the process does not exit in time.
    /// With <paramref name="logFile"/>, every line is also appended there (the demo's per-process logs); with
    /// <paramref name="onLine"/>, every line is handed to it as it arrives (a caller that needs all of them, not the recent ones).
    /// </summary>
    public static ChildProcess Start(string name, ProcessStartInfo startInfo, int stopSignal = UnixSignal.Terminate, string? logFile = null,
        Action<string>? onLine = null)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        // Standard input stays the caller's choice: redirected, the test writes to it (kubectl exec -i) and it stays open.
        startInfo.UseShellExecute = false;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: the process did not start ({startInfo.FileName}).");
        }

        // Exited completes only after the last output line was read, so a test that waits for the exit sees all output.
        var child = new ChildProcess(process, name, stopSignal, logFile, onLine) { Exited = AfterOutputAsync(process, exited.Task, outputClosed.Task, errorClosed.Task) };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, errorClosed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits until the process prints a line that satisfies <paramref name="match"/> (lines printed
    /// before the call count too). Fails with the recent output if the process exits or time runs out.
    /// </summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForLineAsync(match, timeout, includeEarlier: true);

    /// <summary>
    /// Like <see cref="WaitForLineAsync(Func{string, bool}, TimeSpan)"/>; with <paramref name="includeEarlier"/> false only a
    /// line printed after this call counts (a state change seen again, e.g. HAProxy's "edge-0 is UP" after a restart).
    /// The wait is registered before this method returns.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, bool includeEarlier)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            var earlier = includeEarlier ? _lines.FirstOrDefault(match) : null;
            if (earlier is not null)
            {
                return earlier;
            }

            _waiters.Add((match, found));
        }

        using var timer = new CancellationTokenSource(timeout);
        var winner = await Task.WhenAny(found.Task, Exited, Task.Delay(Timeout.Infinite, timer.Token)).ConfigureAwait(false);

        // A process that prints its line and exits at once: found's continuations run asynchronously, Exited's
        // synchronously, so Exited can win although the line (read before the exit completes) matched.
        if (winner == found.Task || found.Task.IsCompleted)
        {
            return await found.Task.ConfigureAwait(false);
        }

        var why = winner == Exited ? $"exited with code {SafeExitCode(_process)}" : $"printed no matching line within {timeout}";
        throw new InvalidOperationException($"{Name} (pid {Id}) {why}. Recent output:\n{RecentOutput}");
    }

    /// <summary>Sends a signal to the process (for failure tests: SIGKILL, SIGSTOP, SIGCONT).</summary>
    public void Signal(int signal) => UnixSignal.Send(Id, signal);

    /// <summary>Stops the process by id: the stop signal, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            UnixSignal.Send(Id, _stopSignal);
            var done = await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false);
            if (done != Exited && !_process.HasExited)
            {
                UnixSignal.Send(Id, UnixSignal.Kill);
                await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            }
        }

        if (_pidFile is not null)
        {
            File.Delete(_pidFile);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        lock (_waitersLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static async Task<int> AfterOutputAsync(Process process, Task exited, Task outputClosed, Task errorClosed)
    {
        await exited.ConfigureAwait(false);
        // A grandchild holding the pipes open must not stall us forever: give the streams a bounded moment.
        await Task.WhenAny(Task.WhenAll(outputClosed, errorClosed), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        // Read the code only now that the exit is certain and observed, never inside the Exited callback.
        return SafeExitCode(process);
    }

    private void OnLine(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        _lines.Enqueue(line);
        _onLine?.Invoke(line);
        if (_log is not null)
        {
            lock (_waitersLock)
            {
                _log?.WriteLine(line);
            }
        }

        while (_lines.Count > MaxKeptLines && _lines.TryDequeue(out _))
        {
        }

        lock (_waitersLock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Found.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
