using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Streaming.PortForward;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;
using Ankra.Mesh.KubeSim.Streaming.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// The seam between the simulated API server's routing (authentication, impersonation, RBAC, pod
/// lookup) and the streaming protocols behind <c>pods/{name}/exec|attach|portforward</c>.
/// Each method owns the response from here on: protocol negotiation (WebSocket channel protocols,
/// SPDY/3.1), the built-in commands, and the final status. Query parameters (command, container,
/// stdin, stdout, stderr, tty, ports) are read from <see cref="HttpContext.Request"/>.
/// A request that cannot be upgraded, or offers no protocol we speak, gets an HTTP error with a
/// <c>Status</c> body (400, or 403 for a failed SPDY negotiation, as Kubernetes answers) — never a hang.
/// </summary>
internal sealed class PodStreamingHandler(ILogger<PodStreamingHandler> logger, StreamingSessions sessions)
{
    /// <summary>Runs a built-in command in the pod (GET/POST <c>pods/{name}/exec</c>).</summary>
    public Task ExecAsync(HttpContext context, StreamingPod pod) => RemoteCommandAsync(context, pod, isAttach: false);

    /// <summary>Attaches to the pod's main process (GET/POST <c>pods/{name}/attach</c>).</summary>
    public Task AttachAsync(HttpContext context, StreamingPod pod) => RemoteCommandAsync(context, pod, isAttach: true);

    /// <summary>Forwards the requested pod ports (GET/POST <c>pods/{name}/portforward</c>).</summary>
    public async Task PortForwardAsync(HttpContext context, StreamingPod pod)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        var session = new SpdyPortForwardSession(pod, logger);
        switch (StreamingUpgrade.KindOf(context.Request))
        {
            case UpgradeKind.WebSocket:
                var offers = StreamingUpgrade.Offers(context.Request, "Sec-WebSocket-Protocol");
                if (StreamingUpgrade.Choose(offers, [RemoteCommandProtocols.PortForwardOverWebSocket]) is not { } tunnel)
                {
                    await RefuseAsync(context, StatusCodes.Status400BadRequest, "unable to upgrade: no tunneling spdy protocols provided");
                    return;
                }

                if (await RefuseUnlessUpgradableAsync(context, webSocket: true))
                {
                    return;
                }

                using (var socket = await StreamingUpgrade.AcceptWebSocketAsync(context, tunnel))
                {
                    await RunAsync("portforward", pod, tunnel, () => session.RunAsync(new WebSocketByteStream(socket), context.RequestAborted));
                }

                return;
            case UpgradeKind.Spdy:
                if (await NegotiateSpdyAsync(context, [RemoteCommandProtocols.PortForward]) is not { } protocol)
                {
                    return;
                }

                var transport = await StreamingUpgrade.AcceptSpdyAsync(context, protocol);
                await RunAsync("portforward", pod, "SPDY/3.1 " + protocol, () => session.RunAsync(transport, context.RequestAborted));
                return;
            default:
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Upgrade request required");
                return;
        }
    }

    private async Task RemoteCommandAsync(HttpContext context, StreamingPod pod, bool isAttach)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        var subresource = isAttach ? "attach" : "exec";
        var (options, error) = RemoteCommandOptions.Parse(context.Request.Query, pod, isAttach);
        if (options is null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        if (!isAttach)
        {
            // The argv as kubectl sent it (command=… repeated), quoted, so a client's exact command line can be read from the log.
            KubeSimLog.ExecCommand(logger, pod.Namespace, pod.Name, string.Join(' ', options.Command.Select(word => $"'{word}'")));
        }

        switch (StreamingUpgrade.KindOf(context.Request))
        {
            case UpgradeKind.WebSocket:
                var offers = StreamingUpgrade.Offers(context.Request, "Sec-WebSocket-Protocol");
                if (StreamingUpgrade.Choose(offers, RemoteCommandProtocols.WebSocket) is not { } channel)
                {
                    await RefuseAsync(context, StatusCodes.Status400BadRequest,
                        $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', offers)}], server supports [{string.Join(' ', RemoteCommandProtocols.WebSocket)}]");
                    return;
                }

                if (await RefuseUnlessUpgradableAsync(context, webSocket: true))
                {
                    return;
                }

                using (var socket = await StreamingUpgrade.AcceptWebSocketAsync(context, channel))
                {
                    var session = new WebSocketRemoteCommandSession(options, pod, channel);
                    await RunAsync(subresource, pod, "WebSocket " + channel, () => session.RunAsync(socket, context.RequestAborted));
                }

                return;
            case UpgradeKind.Spdy:
                if (await NegotiateSpdyAsync(context, RemoteCommandProtocols.Spdy) is not { } protocol)
                {
                    return;
                }

                var transport = await StreamingUpgrade.AcceptSpdyAsync(context, protocol);
                var spdy = new SpdyRemoteCommandSession(options, pod, protocol, logger);
                await RunAsync(subresource, pod, "SPDY/3.1 " + protocol, () => spdy.RunAsync(transport, context.RequestAborted));
                return;
            default:
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Upgrade request required");
                return;
        }
    }

    // Kubernetes' httpstream.Handshake: pick the first server protocol the client offers, else 403
    // with the protocols we accept in X-Accepted-Stream-Protocol-Versions.
    private async Task<string?> NegotiateSpdyAsync(HttpContext context, IReadOnlyList<string> supported)
    {
        var offers = StreamingUpgrade.Offers(context.Request, StreamingUpgrade.ProtocolVersionHeader);
        if (StreamingUpgrade.Choose(offers, supported) is not { } protocol)
        {
            context.Response.Headers["X-Accepted-Stream-Protocol-Versions"] = supported.ToArray();
            await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"unable to upgrade: unable to negotiate protocol: client supports [{string.Join(' ', offers)}], server supports [{string.Join(' ', supported)}]");
            return null;
        }

        return await RefuseUnlessUpgradableAsync(context, webSocket: false) ? null : protocol;
    }

    private async Task<bool> RefuseUnlessUpgradableAsync(HttpContext context, bool webSocket)
    {
        if (!StreamingUpgrade.CanUpgrade(context))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "unable to upgrade: the request is not an HTTP/1.1 upgrade request (Connection: Upgrade)");
            return true;
        }

        if (webSocket && !StreamingUpgrade.IsValidWebSocketHandshake(context.Request))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "unable to upgrade: invalid WebSocket handshake (Sec-WebSocket-Version 13 and Sec-WebSocket-Key required)");
            return true;
        }

        return false;
    }

    private Task RefuseAsync(HttpContext context, int statusCode, string message)
    {
        KubeSimLog.UpgradeRefused(logger, statusCode, message);
        var reason = statusCode == StatusCodes.Status403Forbidden ? "Forbidden" : "BadRequest";
        return StreamingStatus.WriteHttpErrorAsync(context, statusCode, reason, message);
    }

    private async Task RunAsync(string subresource, StreamingPod pod, string protocol, Func<Task<string>> session)
    {
        KubeSimLog.SessionStarted(logger, subresource, pod.Namespace, pod.Name, protocol);
        using var running = sessions.Start();
        try
        {
            var outcome = await session();
            KubeSimLog.SessionEnded(logger, subresource, pod.Namespace, pod.Name, outcome);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // After the upgrade there is no HTTP response left to write: log and drop the connection.
            KubeSimLog.SessionFailed(logger, pod.Namespace, pod.Name, exception);
        }
    }
}
