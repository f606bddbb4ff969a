using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// A <c>kubectl logs -f</c> of a simulated pod, whose lines are numbered (<c>web-0 web line 00000042 …</c>): a gap or
/// a repeated line is visible by its number.
/// </summary>
internal sealed class LogFollow : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<long> _lines = [];

    private LogFollow(MeshStack stack, Stopwatch clock)
    {
        Kubectl = ChaosKubectl.Start(stack, OnLine, standardInput: false, "logs", "-f", "web-0", "-n", DemoWorkload.Namespace);
        _ = Kubectl.Exited.ContinueWith(_ => EndedAt = clock.Elapsed, TaskScheduler.Default);
    }

    public ChildProcess Kubectl { get; }

    /// <summary>When the follow ended by itself (null while it runs).</summary>
    public TimeSpan? EndedAt { get; private set; }

    public static LogFollow Start(MeshStack stack, Stopwatch clock) => new(stack, clock);

    /// <summary>Lines received, lines missing between the first and the last, lines received twice.</summary>
    public (int Lines, int Missing, int Duplicated) Compare()
    {
        lock (_lock)
        {
            if (_lines.Count == 0)
            {
                return (0, 0, 0);
            }

            var distinct = _lines.Distinct().Count();
            return (_lines.Count, (int)(_lines.Max() - _lines.Min() + 1 - distinct), _lines.Count - distinct);
        }
    }

    public ValueTask DisposeAsync() => Kubectl.DisposeAsync();

    private void OnLine(string line)
    {
        var marker = line.IndexOf(" line ", StringComparison.Ordinal);
        if (marker > 0 && line.Length >= marker + 14 && long.TryParse(line.AsSpan(marker + 6, 8), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            lock (_lock)
            {
                _lines.Add(index);
            }
        }
    }
}
