using Microsoft.AspNetCore.Diagnostics;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// The framework's refusals of a request (<see cref="BadHttpRequestException"/>: a parameter that does not
/// bind, a body over Kestrel's limit, a body too slow) keep their own status (400, 413, 408 …) and say why
/// in <c>{"detail"}</c>. Registered before <see cref="UnavailableHandler"/>: bad input is never an outage.
/// </summary>
internal sealed class BadRequestHandler(ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        EdgeLog.BadRequest(logger, httpContext.Request.Path, bad.StatusCode, bad.Message);
        await ErrorResponse.WriteAsync(httpContext, bad.StatusCode, bad.Message);
        return true;
    }
}
