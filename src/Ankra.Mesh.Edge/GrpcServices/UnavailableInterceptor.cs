using Ankra.Mesh.Edge.Hosting;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ankra.Mesh.Edge.GrpcServices;

/// <summary>
/// The gRPC counterpart of <see cref="UnavailableHandler"/>: a grain call that failed because the control
/// plane is unreachable (silo, storage, network) answers UNAVAILABLE, which agents retry with backoff,
/// instead of UNKNOWN. Grains throw these only when nothing was changed, so a retry is always safe.
/// </summary>
internal sealed class UnavailableInterceptor(ILogger<UnavailableInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException && UnavailableHandler.IsUnavailability(exception))
        {
            EdgeLog.UnhandledFailure(logger, context.Method, exception);
            throw new RpcException(new Status(StatusCode.Unavailable, "The control plane is temporarily unavailable; nothing was changed, try again shortly"));
        }
    }
}
