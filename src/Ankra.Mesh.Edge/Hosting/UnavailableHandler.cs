using Microsoft.AspNetCore.Diagnostics;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Last-resort answer for failures we did not map (typically the silos being unreachable while
/// the cluster recovers): a 503 <c>{"detail"}</c> without internals, never a stack trace.
/// </summary>
internal sealed class UnavailableHandler(ILogger<UnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        EdgeLog.UnhandledFailure(logger, httpContext.Request.Path, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        await httpContext.Response.WriteAsJsonAsync(new { detail = "The control plane is temporarily unavailable; try again shortly" }, cancellationToken);
        return true;
    }
}
