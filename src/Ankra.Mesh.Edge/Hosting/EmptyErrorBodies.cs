using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Gives the REST API's bodiless framework answers a body (<c>UseStatusCodePages</c> runs only when the
/// response has none): routing's 404 for an unknown path and 405 for a wrong method would otherwise reach
/// the CLI as an empty 4xx.
/// </summary>
internal static class EmptyErrorBodies
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        var (status, method, path) = (http.Response.StatusCode, http.Request.Method, http.Request.Path.Value);
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"No API endpoint at {method} {path}",
            StatusCodes.Status405MethodNotAllowed => $"{method} is not allowed on {path}; allowed: {http.Response.Headers.Allow}",
            _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : $"HTTP {status}",
        };
        return ErrorResponse.WriteAsync(http, status, detail);
    }
}
