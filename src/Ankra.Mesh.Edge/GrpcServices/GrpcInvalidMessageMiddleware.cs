using System.Text;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Ankra.Mesh.Edge.GrpcServices;

/// <summary>
/// A request message that is not valid protobuf is the caller's mistake: INVALID_ARGUMENT with the parser's
/// reason. Grpc.AspNetCore decodes a unary request before any interceptor runs and reports the decoder's
/// exception as UNKNOWN "Exception was thrown by handler", so interceptors cannot map it; this middleware
/// runs around the gRPC endpoint and, when the call's status carries such an exception, rewrites the status
/// before it is sent (a trailers-only response's headers, or the trailers of a started one).
/// </summary>
internal sealed class GrpcInvalidMessageMiddleware(RequestDelegate next, ILogger<GrpcInvalidMessageMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var call = context.Features.Get<IServerCallContextFeature>()?.ServerCallContext;

        // InvalidDataException: a frame Grpc.AspNetCore cannot read (bad compressed flag, corrupt compression).
        if (call is null || call.Status.StatusCode != StatusCode.Unknown
            || call.Status.DebugException is not { } failure || failure is not (InvalidProtocolBufferException or InvalidDataException))
        {
            return;
        }

        var destination = context.Response.HasStarted ? context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers : context.Response.Headers;
        if (destination is null || destination.IsReadOnly)
        {
            return;
        }

        EdgeLog.GrpcInvalidMessage(logger, context.Request.Path, failure);
        destination["grpc-status"] = ((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
        destination["grpc-message"] = PercentEncode($"The request is not a valid protobuf message for {context.Request.Path}: {failure.Message}");
    }

    // grpc-message is percent-encoded UTF-8: everything outside printable ASCII, and '%' itself.
    private static string PercentEncode(string message)
    {
        var text = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
