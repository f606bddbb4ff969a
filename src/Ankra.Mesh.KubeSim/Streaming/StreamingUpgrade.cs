using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// The HTTP/1.1 upgrades the streaming endpoints accept, done on <see cref="IHttpUpgradeFeature"/>
/// directly so they work whatever middleware the host has (no <c>UseWebSockets</c> needed) and SPDY
/// (<c>POST</c> or <c>GET</c> with <c>Upgrade: SPDY/3.1</c>) goes through the same path as WebSocket.
/// </summary>
internal static class StreamingUpgrade
{
    /// <summary>The header carrying SPDY sub-protocol offers and the server's choice.</summary>
    public const string ProtocolVersionHeader = "X-Stream-Protocol-Version";

    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>Which upgrade the request asks for.</summary>
    public static UpgradeKind KindOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var upgrade = request.Headers.Upgrade.ToString();
        if (upgrade.Contains("websocket", StringComparison.OrdinalIgnoreCase))
        {
            return UpgradeKind.WebSocket;
        }

        return upgrade.Contains("SPDY/3.1", StringComparison.OrdinalIgnoreCase) ? UpgradeKind.Spdy : UpgradeKind.None;
    }

    /// <summary>The client's offers from a comma-separated, possibly repeated header.</summary>
    public static List<string> Offers(HttpRequest request, string header)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. request.Headers[header].SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
    }

    /// <summary>The first of <paramref name="supported"/> (server preference) that the client offers.</summary>
    public static string? Choose(IReadOnlyList<string> offers, IReadOnlyList<string> supported) =>
        supported.FirstOrDefault(protocol => offers.Contains(protocol, StringComparer.Ordinal));

    /// <summary>Whether the connection can be upgraded (HTTP/1.1 with <c>Connection: Upgrade</c>, no body).</summary>
    public static bool CanUpgrade(HttpContext context) =>
        context?.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true };

    /// <summary>Answers 101 for SPDY/3.1 with the chosen sub-protocol and returns the raw connection.</summary>
    public static Task<Stream> AcceptSpdyAsync(HttpContext context, string protocol)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Upgrade = "SPDY/3.1";
        context.Response.Headers[ProtocolVersionHeader] = protocol;
        return UpgradeAsync(context);
    }

    /// <summary>Completes the RFC 6455 handshake with <paramref name="subProtocol"/> and returns the server WebSocket.</summary>
    public static async Task<WebSocket> AcceptWebSocketAsync(HttpContext context, string subProtocol)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        context.Response.Headers.SecWebSocketProtocol = subProtocol;
        var stream = await UpgradeAsync(context);
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            // The sub-protocol is already in the handshake response; .NET would reject
            // "SPDY/3.1+portforward.k8s.io" here because of the '/', which RFC 6455 tokens allow in practice.
            KeepAliveInterval = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>Whether the WebSocket handshake headers are present and well-formed (version 13, a key).</summary>
    public static bool IsValidWebSocketHandshake(HttpRequest request) =>
        request is not null
        && request.Headers.SecWebSocketVersion.ToString() == "13"
        && request.Headers.SecWebSocketKey.ToString().Length > 0;

    private static Task<Stream> UpgradeAsync(HttpContext context)
    {
        // A long exec or port-forward session is not a slow request body: lift the data-rate and
        // request timeouts that would otherwise cut it.
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        return context.Features.GetRequiredFeature<IHttpUpgradeFeature>().UpgradeAsync();
    }
}
