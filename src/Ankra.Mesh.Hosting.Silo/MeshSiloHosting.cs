using System.Net;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ankra.Mesh.Hosting.Silo;

/// <summary>An Orleans silo holding the control-plane grains: embedded (localhost, memory) or AdoNet (PostgreSQL).</summary>
public static class MeshSiloHosting
{
    /// <summary>Adds a silo to this process, configured from <c>Mesh:Orleans</c>.</summary>
    public static IHostApplicationBuilder AddMeshSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseOrleans(silo => silo.ConfigureMeshSilo(builder.Configuration));
        return builder;
    }

    /// <summary>Configures a silo: embedded (localhost, memory) or AdoNet (PostgreSQL).</summary>
    public static ISiloBuilder ConfigureMeshSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = MeshOrleansHosting.ReadOrleansOptions(configuration);
        silo.Services.AddMeshControlPlaneServices(configuration);
        silo.Services.AddMeshGrainServices();
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
            o.Invariant = MeshOrleansHosting.Invariant;
            o.ConnectionString = options.ConnectionString;
        });
        silo.AddAdoNetGrainStorage(MeshStorage.Name, o =>
        {
            o.Invariant = MeshOrleansHosting.Invariant;
            o.ConnectionString = options.ConnectionString;
        });

        // Binary Orleans serialization keyed by [Alias]: renaming a state type or moving it to
        // another assembly does not orphan stored state (the JSON default embeds type names).
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(MeshStorage.Name)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        return silo;
    }
}
