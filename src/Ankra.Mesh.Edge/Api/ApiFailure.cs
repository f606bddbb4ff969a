using Grpc.Core;

namespace Ankra.Mesh.Edge.Api;

/// <summary>A refusal shared by REST (status + <c>{"detail"}</c>) and gRPC (status code).</summary>
internal sealed record ApiFailure(int StatusCode, string Detail, TimeSpan? RetryAfter = null)
{
    public static ApiFailure BadRequest(string detail) => new(StatusCodes.Status400BadRequest, detail);

    public static ApiFailure Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, detail);

    public static ApiFailure Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public static ApiFailure NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ApiFailure Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static ApiFailure ClusterNotFound { get; } = NotFound("Cluster not found");

    /// <summary>The REST answer.</summary>
    public IResult ToResult()
    {
        var body = Results.Json(new { detail = Detail }, statusCode: StatusCode);
        return RetryAfter is { } retry ? new RetryAfterResult(body, retry) : body;
    }

    /// <summary>The gRPC answer (Retry-After travels as trailer metadata).</summary>
    public RpcException ToRpcException()
    {
        var code = StatusCode switch
        {
            400 or 413 => Grpc.Core.StatusCode.InvalidArgument,
            401 => Grpc.Core.StatusCode.Unauthenticated,
            403 => Grpc.Core.StatusCode.PermissionDenied,
            404 => Grpc.Core.StatusCode.NotFound,
            409 => Grpc.Core.StatusCode.AlreadyExists,
            429 => Grpc.Core.StatusCode.ResourceExhausted,
            _ => Grpc.Core.StatusCode.Internal,
        };
        var trailers = new Metadata();
        if (RetryAfter is { } retry)
        {
            trailers.Add("retry-after", RetryAfterResult.Seconds(retry));
        }

        return new RpcException(new Status(code, Detail), trailers);
    }
}
