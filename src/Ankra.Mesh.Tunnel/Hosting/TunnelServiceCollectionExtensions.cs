using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Tunnel;

/// <summary>Registers the tunnel options for the edge and the agent.</summary>
public static class TunnelServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TunnelOptions"/> from <c>Mesh:Tunnel</c> and validates them when the host starts,
    /// so a wrong setting stops the process with a message naming it.
    /// </summary>
    public static IServiceCollection AddMeshTunnelOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TunnelOptions>()
            .Bind(configuration.GetSection(TunnelOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TunnelOptions>, TunnelOptionsValidator>();
        services.AddSingleton<IValidateOptions<TunnelOptions>>(new RemovedTunnelSettingsValidator(configuration));
        return services;
    }
}
