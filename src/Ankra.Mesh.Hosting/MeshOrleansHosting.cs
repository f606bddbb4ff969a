using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// What every control-plane process shares (options, the NATS connection, exception serialization) and the Orleans
/// client of AdoNet-clustered silos. The silo side is <c>Ankra.Mesh.Hosting.Silo</c>'s <c>MeshSiloHosting</c>.
/// </summary>
public static class MeshOrleansHosting
{
    /// <summary>The ADO.NET invariant of PostgreSQL, for Orleans' AdoNet providers.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Reads <c>Mesh:Orleans</c> (validated at start-up by <see cref="AddMeshControlPlaneServices"/>).</summary>
    public static MeshOrleansOptions ReadOrleansOptions(IConfiguration configuration) =>
        configuration.GetSection(MeshOrleansOptions.Section).Get<MeshOrleansOptions>() ?? new MeshOrleansOptions();

    /// <summary>Services every process that hosts grains or talks to them needs.</summary>
    public static IServiceCollection AddMeshControlPlaneServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ControlPlaneOptions>().Bind(configuration.GetSection(ControlPlaneOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>());
        services.AddOptions<MeshOrleansOptions>().Bind(configuration.GetSection(MeshOrleansOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeshOrleansOptions>, MeshOrleansOptionsValidator>());
        services.AddOptions<MeshNatsOptions>().Bind(configuration.GetSection(MeshNatsOptions.Section)).ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<MeshNatsOptions>, MeshNatsOptionsValidator>();
        services.TryAddSingleton(_ => MeshNatsIdentity.Silo());
        services.TryAddSingleton<INatsConnection>(sp =>
        {
            var nats = sp.GetRequiredService<IOptions<MeshNatsOptions>>().Value;
            var identity = sp.GetRequiredService<MeshNatsIdentity>();
            if (nats.AllowInsecure)
            {
                HostingLog.NatsInsecure(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MeshNatsOptions)), nats.Url);
            }

            return new NatsConnection(MeshNatsCredentials.Secure(new NatsOpts
            {
                Url = nats.Url,
                Name = identity.Name,
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),

                // Back within about 2 s of a server's return (the client's default backs off to 5 s): an edge is out of
                // the load balancer for exactly as long as it has no bus. A few edges and silos, so this costs the servers nothing.
                ReconnectWaitMin = TimeSpan.FromMilliseconds(250),
                ReconnectWaitMax = TimeSpan.FromSeconds(2),
                ReconnectJitter = TimeSpan.FromMilliseconds(250),

                // A server that vanishes without closing the socket (a partition, a frozen VM) is noticed within about
                // 15 s rather than the default 2 min × 2 missed pongs.
                PingInterval = TimeSpan.FromSeconds(5),
                MaxPingOut = 2,
            }, nats, identity));
        });

        // A co-hosted silo never reports gateway counts, so the edge beside it counts as connected.
        services.TryAddSingleton<OrleansGatewayStatus>();

        // A grain whose storage write fails throws the driver's exception (NpgsqlException), and callers answer
        // 503 for it because nothing was changed. Orleans only serializes exception types of namespaces it is
        // told about: without this the silo cannot send the failure back, and the caller gets a codec error
        // (a 500) instead of the storage failure. Silos and clients both need it.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        return services;
    }

    /// <summary>Configures an Orleans client of AdoNet-clustered silos.</summary>
    public static IClientBuilder ConfigureMeshClient(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = ReadOrleansOptions(configuration);

        // Readiness and the kube proxy's fail-fast ask it whether any silo is reachable (registered before the
        // control-plane services so their fallback does not replace it).
        var gateways = new OrleansGatewayStatus();
        client.Services.AddSingleton(gateways);
        client.AddClusterConnectionStatusObserver(gateways);
        client.Services.AddMeshControlPlaneServices(configuration);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = options.ConnectionString;
        });

        // How soon an edge learns about silos that joined (e.g. after every silo was restarted).
        client.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
        client.Services.Configure<GatewayOptions>(configuration.GetSection($"{MeshOrleansOptions.Section}:Gateway"));
        return client;
    }
}
