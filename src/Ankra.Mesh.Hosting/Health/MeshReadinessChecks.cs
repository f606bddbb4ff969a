using Ankra.Mesh.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// What each process's <c>/readyz</c> depends on (tag <see cref="MeshServiceDefaultsExtensions.ReadyTag"/>). None of
/// these is a liveness check: a lost dependency takes the process out of the load balancer, never restarts it.
/// </summary>
public static class MeshReadinessChecks
{
    /// <summary>An edge: its NATS connection, and as an Orleans client at least one silo gateway (a co-hosted silo is always there).</summary>
    public static IHealthChecksBuilder AddMeshEdgeReadiness(this IHealthChecksBuilder checks, bool orleansClient)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.AddCheck<NatsConnectionHealthCheck>("nats", HealthStatus.Unhealthy, [MeshServiceDefaultsExtensions.ReadyTag]);
        if (orleansClient)
        {
            checks.AddCheck<OrleansGatewayHealthCheck>("silos", HealthStatus.Unhealthy, [MeshServiceDefaultsExtensions.ReadyTag]);
        }

        return checks;
    }

    /// <summary>A silo: its grain storage in AdoNet mode; a lost NATS connection only degrades it (events wait in the outbox).</summary>
    public static IHealthChecksBuilder AddMeshSiloReadiness(this IHealthChecksBuilder checks, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(checks);
        checks.AddCheck<NatsConnectionHealthCheck>("nats", HealthStatus.Degraded, [MeshServiceDefaultsExtensions.ReadyTag]);
        if (MeshOrleansHosting.ReadOrleansOptions(configuration).Mode == MeshOrleansMode.AdoNet)
        {
            checks.AddCheck<GrainStorageHealthCheck>("storage", HealthStatus.Unhealthy, [MeshServiceDefaultsExtensions.ReadyTag]);
        }

        return checks;
    }
}
