using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Enforces the configured <c>Kestrel:Limits</c> for the request line and headers with an answer that says
/// which limit was hit (414 / 431 with a body, see <see cref="KestrelLimitsHeadroom"/>). gRPC calls are left
/// to Kestrel's (raised) limits: a gRPC client expects a gRPC status, not an HTTP error body.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<KestrelServerOptions> kestrel)
{
    private readonly int _maxLine = KestrelLimitsHeadroom.Configured(kestrel.Value.Limits.MaxRequestLineSize);
    private readonly int _maxHeaderBytes = KestrelLimitsHeadroom.Configured(kestrel.Value.Limits.MaxRequestHeadersTotalSize);
    private readonly int _maxHeaderCount = KestrelLimitsHeadroom.Configured(kestrel.Value.Limits.MaxRequestHeaderCount);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return next(context);
        }

        // As Kestrel counts them: HTTP/1.x has a request line "METHOD target HTTP/1.1\r\n" with its own limit;
        // HTTP/2 and 3 carry the target as the :path header, counted with the headers. A header is "Name: value\r\n".
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value + request.QueryString.Value;
        var (bytes, count) = (0L, 0);
        if (HttpProtocol.IsHttp11(request.Protocol) || HttpProtocol.IsHttp10(request.Protocol))
        {
            var line = request.Method.Length + target.Length + request.Protocol.Length + 4;
            if (line > _maxLine)
            {
                return ErrorResponse.WriteAsync(context, StatusCodes.Status414UriTooLong,
                    $"The request line is {line} bytes; the limit is {_maxLine} (Kestrel:Limits:MaxRequestLineSize)");
            }
        }
        else
        {
            bytes += ":path".Length + target.Length + 4;
        }

        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                bytes += name.Length + (value?.Length ?? 0) + 4;
                count++;
            }
        }

        if (bytes > _maxHeaderBytes)
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request headers are {bytes} bytes; the limit is {_maxHeaderBytes} (Kestrel:Limits:MaxRequestHeadersTotalSize)");
        }

        return count > _maxHeaderCount
            ? ErrorResponse.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request has {count} header lines; the limit is {_maxHeaderCount} (Kestrel:Limits:MaxRequestHeaderCount)")
            : next(context);
    }
}
