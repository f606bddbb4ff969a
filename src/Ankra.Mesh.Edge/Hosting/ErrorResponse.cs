using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.KubeProxy;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// The one place that decides the shape of an error the framework (not an endpoint) answers: a Kubernetes
/// <c>Status</c> on the kube proxy's paths, so kubectl prints the message, and <c>{"detail"}</c> everywhere
/// else, as the REST API's own refusals (<see cref="ApiFailure"/>) do.
/// </summary>
internal static class ErrorResponse
{
    public static Task WriteAsync(HttpContext context, int statusCode, string detail, TimeSpan? retryAfter = null)
    {
        if (KubeProxyEndpoints.Serves(context.Request.Path))
        {
            return KubeStatus.WriteAsync(context, statusCode, KubeReason(statusCode), detail, retryAfter);
        }

        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.StatusCode = statusCode;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = RetryAfterResult.Seconds(delay);
        }

        return context.Response.WriteAsJsonAsync(new { detail }, context.RequestAborted);
    }

    // metav1.StatusReason values; "" is StatusReasonUnknown, for codes Kubernetes has no reason for (414, 431).
    private static string KubeReason(int statusCode) => statusCode switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "Timeout",
        409 => "Conflict",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        _ => string.Empty,
    };
}
