using System.Net;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Audit;
using Ankra.Mesh.KubeSim.Authentication;
using Ankra.Mesh.KubeSim.Authorization;
using Ankra.Mesh.KubeSim.Discovery;
using Ankra.Mesh.KubeSim.Logs;
using Ankra.Mesh.KubeSim.OpenApi;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Ankra.Mesh.KubeSim.Streaming;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>Builds the web application both the executable and <see cref="KubeSimHost"/> run.</summary>
internal static class KubeSimServer
{
    public static WebApplication Build(string[] args, Action<KubeSimOptions>? configure, CertificateAuthority certificates, bool quiet)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        if (quiet)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        var options = builder.Services.AddOptions<KubeSimOptions>().Bind(builder.Configuration.GetSection(KubeSimOptions.SectionName)).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<IValidateOptions<KubeSimOptions>, KubeSimOptionsValidator>();
        builder.Services.AddKubeSim();
        builder.Services.AddKubeSimStreaming();
        builder.Services.AddSingleton(certificates);

        var settings = new KubeSimOptions();
        builder.Configuration.GetSection(KubeSimOptions.SectionName).Bind(settings);
        configure?.Invoke(settings);
        var address = IPAddress.TryParse(settings.BindAddress, out var parsed) && IPAddress.IsLoopback(parsed) ? parsed : IPAddress.Loopback;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
            kestrel.Listen(address, settings.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificates.Server);
            });
            if (settings.HttpPort >= 0)
            {
                listen(kestrel, address, settings.HttpPort);
            }
        });

        var app = builder.Build();
        app.Services.GetRequiredService<ClusterSeeder>().Seed();
        var handler = app.Services.GetRequiredService<ApiRequestHandler>();

        // exec/attach/port-forward over WebSocket (kubectl >= 1.30) need the WebSocket feature on the context.
        app.UseWebSockets();
        app.Run(handler.HandleAsync);
        return app;

        static void listen(KestrelServerOptions kestrel, IPAddress address, int port) =>
            kestrel.Listen(address, port, l => l.Protocols = HttpProtocols.Http1);
    }

    /// <summary>The bound <c>https://</c> and <c>http://</c> base URLs, once the server has started.</summary>
    public static (Uri Https, Uri? Http) Addresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var https = addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal));
        var http = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
        return (new Uri(https), http is null ? null : new Uri(http));
    }

    private static IServiceCollection AddKubeSim(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ResourceCatalog>();
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<ObjectService>();
        services.AddSingleton<DeploymentController>();
        services.AddSingleton<ClusterSeeder>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<Impersonator>();
        services.AddSingleton(sp => new AuditLog(sp.GetRequiredService<IOptions<KubeSimOptions>>()));
        services.AddSingleton<DiscoveryDocuments>();
        services.AddSingleton<DiscoveryEndpoints>();
        services.AddSingleton<OpenApiEndpoints>();
        services.AddSingleton<ResourceEndpoints>();
        services.AddSingleton<WatchEndpoint>();
        services.AddSingleton<AccessReviewEndpoints>();
        services.AddSingleton<PodLogEndpoint>();
        services.AddSingleton<PodSubresourceEndpoints>();
        services.AddSingleton<PodFileSystems>();
        services.AddSingleton<ScaleEndpoint>();
        services.AddSingleton<ApiRequestHandler>();
        return services;
    }
}
