using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.NatsAuth.Tests.Infrastructure;

/// <summary>
/// A logger factory for NatsOpts that keeps the exceptions NATS.Client.Core logs. For WebSocket URLs the
/// client's <c>ConnectAsync</c> failure carries no inner exception; the logged one says why it failed.
/// </summary>
internal sealed class ExceptionLog : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<Exception> _exceptions = new();

    /// <summary>Every logged exception with its inner exceptions, flattened.</summary>
    public IEnumerable<Exception> Exceptions => _exceptions.SelectMany(Flatten);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is not null)
        {
            _exceptions.Enqueue(exception);
        }
    }

    public void Dispose()
    {
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
