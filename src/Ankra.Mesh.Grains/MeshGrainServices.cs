using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ankra.Mesh.Grains;

/// <summary>What the grains need in their silo beyond the shared control-plane services: the access-event outbox and its relay.</summary>
public static class MeshGrainServices
{
    /// <summary>Registers the outbox grains hand access-changed events to, and the relay that delivers them to NATS.</summary>
    public static IServiceCollection AddMeshGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton<AccessEventOutbox>();
        services.TryAddSingleton<IAccessEventPublisher>(sp => sp.GetRequiredService<AccessEventOutbox>());
        services.AddHostedService<AccessEventRelay>();
        return services;
    }
}
