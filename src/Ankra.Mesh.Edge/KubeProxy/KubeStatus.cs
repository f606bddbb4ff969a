using Ankra.Mesh.Contracts.Http;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Errors on the kube proxy path are Kubernetes <c>Status</c> objects, so kubectl prints their message
/// ("error: You must be logged in to the server (…)", "Error from server (Forbidden): …"). The body is
/// <see cref="KubeStatusBody"/>'s, the one Status writer edge and agent share; this only sets the response up.
/// </summary>
internal static class KubeStatus
{
    public static Task WriteAsync(HttpContext context, int code, string reason, string message, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = code;
        response.ContentType = KubeStatusBody.ContentType;
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response.Body.WriteAsync(KubeStatusBody.Serialize(code, reason, message), context.RequestAborted).AsTask();
    }
}
