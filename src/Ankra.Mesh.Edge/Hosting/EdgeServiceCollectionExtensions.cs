using System.Text.Json;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.GrpcServices;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>The edge's services (without HTTP endpoints, so the bootstrap command can use them too).</summary>
internal static class EdgeServiceCollectionExtensions
{
    /// <param name="services">The services.</param>
    /// <param name="serving">False for one-shot commands (bootstrap) that never mint kube tokens, so
    /// they need no signing keys.</param>
    public static IServiceCollection AddEdgeControlPlane(this IServiceCollection services, bool serving = true)
    {
        services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        var kubeTokens = services.AddOptions<KubeTokenOptions>().BindConfiguration(KubeTokenOptions.Section);
        if (serving)
        {
            kubeTokens.ValidateOnStart();
            services.AddSingleton<IValidateOptions<KubeTokenOptions>, KubeTokenOptionsValidator>();
        }

        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        services.AddSingleton<KubeSigningKeys>();
        services.AddSingleton<KubeTokenIssuer>();
        services.AddSingleton(sp => new KubeTokenValidator(
            sp.GetRequiredService<KubeSigningKeys>(), sp.GetRequiredService<IOptions<KubeTokenOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AccessDecisionCache(
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<OrleansGatewayStatus>(), sp.GetRequiredService<IOptions<EdgeOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<ClusterLookup>();
        services.AddSingleton<JsonBody>();
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<KubeAccessService>();
        services.AddSingleton<Bootstrapper>();
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<AgentNatsCredentials>();
        services.AddSingleton<AgentInstall.AgentManifests>();
        return services;
    }
}
