using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// <c>kubectl exec -i web-0 -- cat</c> held open; each request writes a numbered line and waits for its echo. A
/// session that ended (its edge or agent replica died: upgrades are not resumed) or stopped echoing fails that request
/// and is started again by the next one, as a user would run the command again; the sessions replaced are counted.
/// </summary>
internal sealed class ExecEchoSession(MeshStack stack, Stopwatch clock) : IAsyncDisposable
{
    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource> _pending = [];
    private ChildProcess? _kubectl;
    private int _sequence;
    private int _failuresInRow;

    /// <summary>When running sessions ended by themselves.</summary>
    public List<TimeSpan> Cuts { get; } = [];

    /// <summary>One echo through the session; null on success, the failure otherwise.</summary>
    public async Task<string?> EchoAsync(CancellationToken cancellationToken)
    {
        // A session that ended, or failed twice in a row (kubectl may keep running on a dead stream), is replaced.
        if (_kubectl is { } session && (!session.IsRunning || _failuresInRow >= 2))
        {
            lock (_lock)
            {
                Cuts.Add(clock.Elapsed);
            }

            var why = ChaosKubectl.LastLine(session);
            await session.DisposeAsync();
            _kubectl = null;
            _failuresInRow = 0;
            return $"exec session ended or broken: {why}";
        }

        _kubectl ??= ChaosKubectl.Start(stack, OnLine, standardInput: true, "exec", "-i", "web-0", "-n", DemoWorkload.Namespace, "--", "cat");
        var text = $"echo-{Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)}";
        var echoed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending[text] = echoed;
        }

        try
        {
            await _kubectl.StandardInput.WriteLineAsync(text.AsMemory(), cancellationToken);
            await _kubectl.StandardInput.FlushAsync(cancellationToken);
            await Task.WhenAny(echoed.Task, _kubectl.Exited).WaitAsync(EchoTimeout, cancellationToken);
            _failuresInRow = echoed.Task.IsCompleted ? 0 : _failuresInRow + 1;
            return echoed.Task.IsCompleted ? null : "no echo: the exec session ended";
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            _failuresInRow++;
            return $"no echo: {e.Message}";
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(text);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_kubectl is not null)
        {
            await _kubectl.DisposeAsync();
        }
    }

    private void OnLine(string line)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(line.Trim(), out var echoed))
            {
                echoed.TrySetResult();
            }
        }
    }
}
