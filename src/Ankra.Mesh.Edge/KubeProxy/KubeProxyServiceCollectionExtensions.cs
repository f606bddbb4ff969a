using Ankra.Mesh.Tunnel;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Registers the kube proxy: YARP's forwarder over the NATS tunnel, limits, revocation of live requests.</summary>
internal static class KubeProxyServiceCollectionExtensions
{
    private const string BulkLaneKey = "tunnel-bulk-lane";

    public static IServiceCollection AddKubeProxy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubeProxyOptions>().BindConfiguration(KubeProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubeProxyOptions>, KubeProxyOptionsValidator>();
        services.AddMeshTunnelOptions(configuration);
        services.AddHttpForwarder();
        // The tunnel's bulk lane: long transfers leave the edge's shared connection to keystrokes, watch events
        // and small requests. Same server and settings as the edge's own connection; disposed with the container.
        services.AddKeyedSingleton<INatsConnection>(BulkLaneKey, (sp, _) =>
        {
            var shared = sp.GetRequiredService<INatsConnection>().Opts;
            return new NatsConnection(shared with { Name = $"{shared.Name}-bulk" });
        });
        services.AddSingleton(sp => new TunnelHttpMessageHandler(
            sp.GetRequiredService<INatsConnection>(),
            sp.GetRequiredService<IOptions<TunnelOptions>>().Value,
            sp.GetRequiredService<ILogger<TunnelHttpMessageHandler>>(),
            bulkConnection: sp.GetRequiredKeyedService<INatsConnection>(BulkLaneKey)));
        services.AddSingleton<KubeProxyForwarder>();
        services.AddSingleton<LiveRequestRegistry>();
        services.AddSingleton<KubeProxyLimits>();
        services.AddSingleton<KubeProxyHandler>();
        services.AddSingleton<KubeProxyMetrics>();
        services.AddHostedService<RevocationEnforcer>();
        return services;
    }
}
