using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ankra.Mesh.Hosting;

/// <summary>An edge that is an Orleans client is ready only while it is connected to at least one silo gateway.</summary>
internal sealed class OrleansGatewayHealthCheck(OrleansGatewayStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(status.IsConnected
            ? HealthCheckResult.Healthy(status.ConnectedGateways < 0 ? "connected to the silos" : $"connected to {status.ConnectedGateways} silo gateway(s)")
            : new HealthCheckResult(context.Registration.FailureStatus, "no silo gateway is connected: grants and tokens cannot be checked"));
    }
}
