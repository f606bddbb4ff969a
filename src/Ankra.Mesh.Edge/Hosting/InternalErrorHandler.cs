using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Last resort: a failure that is neither bad input nor unavailability is a defect. 500 <c>{"detail"}</c>
/// with the trace id to quote, never a stack trace; the log line carries the exception.
/// </summary>
internal sealed class InternalErrorHandler(ILogger<InternalErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        EdgeLog.InternalError(logger, httpContext.Request.Path, exception);
        var reference = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier;
        await ErrorResponse.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, $"Internal error (reference {reference})");
        return true;
    }
}
