using Ankra.Mesh.Agent.Registration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ankra.Mesh.Agent.Hosting;

/// <summary>Ready once the control plane has given this replica a session.</summary>
internal sealed class RegisteredHealthCheck(AgentSessionState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Current is { } session
            ? HealthCheckResult.Healthy($"session {session.SessionId} for cluster {session.ClusterId}")
            : HealthCheckResult.Unhealthy("not registered with the edge yet"));
}
