using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Orleans and NATS wiring shared by the Silo and the Edge: the silo side (embedded or AdoNet), the
/// client side (AdoNet), and the services grains need (options, NATS, the access-event publisher).
/// </summary>
public static class MeshOrleansHosting
{
    private const string Invariant = "Npgsql";

    /// <summary>Reads <c>Mesh:Orleans</c> (validated at start-up by <see cref="AddMeshGrainServices"/>).</summary>
    public static MeshOrleansOptions ReadOrleansOptions(IConfiguration configuration) =>
        configuration.GetSection(MeshOrleansOptions.Section).Get<MeshOrleansOptions>() ?? new MeshOrleansOptions();

    /// <summary>Services every process that hosts grains or talks to them needs.</summary>
    public static IServiceCollection AddMeshGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ControlPlaneOptions>().Bind(configuration.GetSection(ControlPlaneOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        services.AddOptions<MeshOrleansOptions>().Bind(configuration.GetSection(MeshOrleansOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MeshOrleansOptions>, MeshOrleansOptionsValidator>();
        services.AddOptions<MeshNatsOptions>().Bind(configuration.GetSection(MeshNatsOptions.Section)).ValidateOnStart();
        services.TryAddSingleton<IValidateOptions<MeshNatsOptions>, MeshNatsOptionsValidator>();
        services.TryAddSingleton(_ => MeshNatsIdentity.Silo());
        services.TryAddSingleton<INatsConnection>(sp =>
        {
            var nats = sp.GetRequiredService<IOptions<MeshNatsOptions>>().Value;
            var identity = sp.GetRequiredService<MeshNatsIdentity>();
            if (nats.AllowInsecure)
            {
                GrainsLog.NatsInsecure(sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MeshNatsOptions)), nats.Url);
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
        services.TryAddSingleton<AccessEventOutbox>();
        services.TryAddSingleton<IAccessEventPublisher>(sp => sp.GetRequiredService<AccessEventOutbox>());
        services.TryAddSingleton<OrleansGatewayStatus>();

        // A grain whose storage write fails throws the driver's exception (NpgsqlException), and callers answer
        // 503 for it because nothing was changed. Orleans only serializes exception types of namespaces it is
        // told about: without this the silo cannot send the failure back, and the caller gets a codec error
        // (a 500) instead of the storage failure. Silos and clients both need it.
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        return services;
    }

    /// <summary>Configures a silo: embedded (localhost, memory) or AdoNet (PostgreSQL).</summary>
    public static ISiloBuilder ConfigureMeshSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = ReadOrleansOptions(configuration);
        silo.Services.AddMeshGrainServices(configuration);
        silo.Services.AddHostedService<AccessEventRelay>();
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection($"{MeshOrleansOptions.Section}:Membership"));
        if (options.Mode == MeshOrleansMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(MeshStorage.Name);
            silo.Services.AddHostedService<NotDurableWarning>();
            return silo;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        var advertised = string.IsNullOrEmpty(options.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(options.AdvertisedAddress);
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = options.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(MeshStorage.Name, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = options.ConnectionString;
        });

        // Binary Orleans serialization keyed by [Alias]: renaming a state type or moving it to
        // another assembly does not orphan stored state (the JSON default embeds type names).
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(MeshStorage.Name)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }

    /// <summary>Configures an Orleans client of AdoNet-clustered silos.</summary>
    public static IClientBuilder ConfigureMeshClient(this IClientBuilder client, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = ReadOrleansOptions(configuration);

        // Readiness and the kube proxy's fail-fast ask it whether any silo is reachable (registered before the
        // grain services so their fallback does not replace it).
        var gateways = new OrleansGatewayStatus();
        client.Services.AddSingleton(gateways);
        client.AddClusterConnectionStatusObserver(gateways);
        client.Services.AddMeshGrainServices(configuration);
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

    /// <summary>Adds the co-hosted silo or the client, depending on <c>Mesh:Orleans:Mode</c>.</summary>
    public static IHostApplicationBuilder AddMeshOrleans(this IHostApplicationBuilder builder, bool clientInAdoNetMode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = ReadOrleansOptions(builder.Configuration).Mode;
        if (mode == MeshOrleansMode.AdoNet && clientInAdoNetMode)
        {
            builder.UseOrleansClient(client => client.ConfigureMeshClient(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.ConfigureMeshSilo(builder.Configuration));
        }

        return builder;
    }
}
