using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Audit;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.GrpcServices;
using Ankra.Mesh.Edge.KubeProxy;
using Ankra.Mesh.Edge.Portal;
using Ankra.Mesh.Hosting;
using Ankra.Mesh.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Builds the edge: an Orleans client of the silos (or, from Ankra.Mesh.Standalone, a co-hosted silo), the
/// access-event subscriber, gRPC AgentService/TokenService and the REST user API.
/// Listening is plain Kestrel configuration (<c>Kestrel:Endpoints</c>): gRPC needs HTTP/2, so use TLS
/// with <c>Protocols=Http1AndHttp2</c> in production, or a separate cleartext endpoint with
/// <c>Protocols=Http2</c> (h2c) for agents next to an HTTP/1.1 one, as the tests do.
/// </summary>
internal static class EdgeApplication
{
    /// <summary>What the edge says when asked to keep the grains itself without a silo to keep them in.</summary>
    public const string EmbeddedNeedsSilo =
        "Mesh:Orleans:Mode is Embedded, but this edge is an Orleans client and holds no grains. Either set Mesh:Orleans:Mode=AdoNet " +
        "and Mesh:Orleans:ConnectionString (PostgreSQL, with Ankra.Mesh.Silo processes hosting the grains), or run Ankra.Mesh.Standalone, " +
        "which is the edge and an in-memory silo in one process (development and tests; nothing is durable).";

    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Called first, e.g. to add configuration sources.</param>
    /// <param name="coHostSilo">
    /// Adds a silo with the grains to this process (Ankra.Mesh.Standalone); null for the production edge, an Orleans client.
    /// </param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplicationBuilder>? coHostSilo = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddMeshServiceDefaults();

        // An edge that holds the grains itself also announces access changes on the bus.
        var hostsGrains = coHostSilo is not null;
        builder.Services.AddSingleton(MeshNatsIdentity.Edge(hostsGrains));
        if (hostsGrains)
        {
            coHostSilo!(builder);
        }
        else if (MeshOrleansHosting.ReadOrleansOptions(builder.Configuration).Mode == MeshOrleansMode.Embedded)
        {
            throw new EdgeConfigurationException(EmbeddedNeedsSilo);
        }
        else
        {
            builder.UseOrleansClient(client => client.ConfigureMeshClient(builder.Configuration));
        }

        builder.Services.AddEdgeControlPlane();
        builder.Services.AddMeshPortal(builder.Configuration);
        builder.Services.AddKubeProxy(builder.Configuration);
        builder.Services.AddGatewayAudit(builder.Configuration);
        builder.Services.AddHostedService<AccessEventSubscriber>();
        builder.Services.AddHealthChecks().AddMeshEdgeReadiness(orleansClient: !hostsGrains);
        builder.Services.AddHostedService<StartupBootstrap>();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = 1024 * 1024;
            o.Interceptors.Add<UnavailableInterceptor>();
        });
        AddFaultAnswers(builder.Services);

        // Drain: the web host stops first (it is registered last) and lets in-flight requests, proxied streams
        // included, finish until HostOptions.ShutdownTimeout; Orleans and NATS stop after it.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<EdgeOptions>>((host, edge) => host.ShutdownTimeout = edge.Value.ShutdownDrainTimeout);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseStatusCodePages(EmptyErrorBodies.WriteAsync);
        app.UseMiddleware<GrpcInvalidMessageMiddleware>();
        app.MapMeshDefaultEndpoints();
        app.MapMeshEdge();
        app.MapMeshPortal();
        return app;
    }

    /// <summary>
    /// Every fault is answered for what it is: bad input (binding, Kestrel's body limits) keeps its 4xx,
    /// unavailability is 503, anything else 500, each with a message (<see cref="ErrorResponse"/>).
    /// </summary>
    private static void AddFaultAnswers(IServiceCollection services)
    {
        // A parameter that does not bind throws instead of answering an empty 400, so BadRequestHandler can say which.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<UnavailableHandler>();
        services.AddExceptionHandler<InternalErrorHandler>();
        services.AddProblemDetails();
        services.AddSingleton<IPostConfigureOptions<KestrelServerOptions>, KestrelLimitsHeadroom>();
    }

    /// <summary>Maps gRPC services and the REST API under <c>/api/v1</c>.</summary>
    public static WebApplication MapMeshEdge(this WebApplication app)
    {
        app.MapGrpcService<AgentGrpcService>();
        app.MapGrpcService<TokenGrpcService>();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiAuthFilter>();
        MeEndpoints.Map(api);
        TokenEndpoints.Map(api);
        MemberEndpoints.Map(api);
        ClusterEndpoints.Map(api);
        KubeTokenEndpoints.Map(api);
        AccessEndpoints.Map(api);
        AuditEndpoints.Map(api);

        // The agent's install manifests authenticate with the cluster's registration token: outside the API group too.
        AgentInstall.AgentInstallEndpoints.Map(app);

        // The kube proxy authenticates with kube tokens, not API tokens: mapped outside the API group.
        app.MapKubeProxy();
        return app;
    }
}
