using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Answers failures that mean the control plane is unreachable right now (Orleans cannot reach a silo or
/// times out, the storage or the network fails) with 503 <c>{"detail"}</c> and Retry-After, without
/// internals. Anything else is not an outage and falls through to <see cref="InternalErrorHandler"/>.
/// </summary>
internal sealed class UnavailableHandler(ILogger<UnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailability(exception))
        {
            return false;
        }

        EdgeLog.UnhandledFailure(logger, httpContext.Request.Path, exception);
        await ErrorResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "The control plane is temporarily unavailable; try again shortly", retryAfter: TimeSpan.FromSeconds(1));
        return true;
    }

    /// <summary>
    /// Orleans reports silos it cannot reach, rejected messages and storage conflicts as
    /// <see cref="OrleansException"/>s and response timeouts as <see cref="TimeoutException"/>; storage and
    /// network failures arrive as <see cref="DbException"/> / <see cref="SocketException"/>, possibly wrapped.
    /// A silo-side exception whose type this process cannot load arrives as
    /// <see cref="Orleans.Serialization.UnavailableExceptionFallbackException"/>: every type of our own code
    /// loads here, so that is a storage driver's failure.
    /// </summary>
    internal static bool IsUnavailability(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OrleansException or TimeoutException or DbException or SocketException
                or Orleans.Serialization.UnavailableExceptionFallbackException)
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsUnavailability))
            {
                return true;
            }
        }

        return false;
    }
}
