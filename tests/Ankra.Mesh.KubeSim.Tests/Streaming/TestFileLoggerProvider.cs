using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// Writes the interim host's log (Debug and up, including every SPDY frame) to a file when
/// <c>KUBESIM_TEST_LOG=/path</c> is set — for diagnosing a protocol failure against real kubectl.
/// </summary>
internal sealed class TestFileLoggerProvider(string path) : ILoggerProvider, ILogger
{
    private readonly Lock _lock = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lock)
        {
            File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)} {exception}\n");
        }
    }

    public void Dispose()
    {
    }
}
