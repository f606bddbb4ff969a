using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// Readiness of this process's NATS connection. Reports its registration's failure status while the connection is not
/// open: Unhealthy on an edge (no kube request can reach any cluster, so the load balancer should send traffic
/// elsewhere), Degraded on a silo (access events wait in the outbox; grains keep serving). Never a liveness check:
/// restarting the process would not bring the bus back.
/// </summary>
internal sealed class NatsConnectionHealthCheck(INatsConnection nats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = nats.ConnectionState;
        return Task.FromResult(state == NatsConnectionState.Open
            ? HealthCheckResult.Healthy($"connected to NATS server {nats.ServerInfo?.Name}")
            : new HealthCheckResult(context.Registration.FailureStatus, $"the NATS connection is {state.ToString().ToLowerInvariant()} (servers: {nats.Opts.Url})"));
    }
}
