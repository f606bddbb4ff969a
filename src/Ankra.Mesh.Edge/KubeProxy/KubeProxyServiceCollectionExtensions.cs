using Ankra.Mesh.Tunnel;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Registers the kube proxy: YARP's forwarder over the NATS tunnel, limits, revocation of live requests.</summary>
internal static class KubeProxyServiceCollectionExtensions
{
    public static IServiceCollection AddKubeProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubeProxyOptions>().BindConfiguration(KubeProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubeProxyOptions>, KubeProxyOptionsValidator>();
        services.AddMeshTunnelOptions(configuration);
        services.AddHttpForwarder();
        services.AddSingleton(sp => new TunnelHttpMessageHandler(
            sp.GetRequiredService<INatsConnection>(),
            sp.GetRequiredService<IOptions<TunnelOptions>>().Value,
            sp.GetRequiredService<ILogger<TunnelHttpMessageHandler>>()));
        services.AddSingleton<KubeProxyForwarder>();
        services.AddSingleton<LiveRequestRegistry>();
        services.AddSingleton<KubeProxyLimits>();
        services.AddSingleton<KubeProxyHandler>();
        services.AddHostedService<RevocationEnforcer>();
        return services;
    }
}
