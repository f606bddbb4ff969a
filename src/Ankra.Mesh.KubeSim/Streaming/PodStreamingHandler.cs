using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// The seam between the simulated API server's routing (authentication, impersonation, RBAC, pod
/// lookup) and the streaming protocols behind <c>pods/{name}/exec|attach|portforward</c>.
/// Each method owns the response from here on: protocol negotiation (WebSocket channel protocols,
/// SPDY/3.1), the built-in commands, and the final status. Query parameters (command, container,
/// stdin, stdout, stderr, tty, ports) are read from <see cref="HttpContext.Request"/>.
/// </summary>
internal sealed class PodStreamingHandler
{
    /// <summary>Runs a built-in command in the pod (GET/POST <c>pods/{name}/exec</c>).</summary>
    public Task ExecAsync(HttpContext context, StreamingPod pod) => NotYetAsync(context, "exec");

    /// <summary>Attaches to the pod's main process (GET/POST <c>pods/{name}/attach</c>).</summary>
    public Task AttachAsync(HttpContext context, StreamingPod pod) => NotYetAsync(context, "attach");

    /// <summary>Forwards the requested pod ports (GET/POST <c>pods/{name}/portforward</c>).</summary>
    public Task PortForwardAsync(HttpContext context, StreamingPod pod) => NotYetAsync(context, "portforward");

    // Replaced by the streaming protocols work; until then the API answers like a server without the feature.
    private static Task NotYetAsync(HttpContext context, string subresource)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{subresource}} is not supported by this server yet","reason":"NotImplemented","code":501}""");
    }
}
