using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Grants;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.Agent.Tunnel;
using Ankra.Mesh.Tunnel;
using Ankra.Mesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Hosting;

/// <summary>Wires the agent: options, API server connection, registration, grant reconciliation, health.</summary>
internal static class AgentHostingExtensions
{
    public static WebApplicationBuilder AddMeshAgent(this WebApplicationBuilder builder)
    {
        builder.AddMeshServiceDefaults();
        var services = builder.Services;
        services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentLimitsValidator>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = builder.Configuration
            .GetSection(AgentOptions.SectionName).Get<AgentOptions>()?.DrainTimeout + TimeSpan.FromSeconds(5) ?? TimeSpan.FromSeconds(25));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AgentMetrics>();
        services.AddSingleton<ApiServerConnection>();
        services.AddSingleton<EdgeClientFactory>();
        services.AddSingleton<RegistrationToken>();
        services.AddSingleton<ReplicaIdentity>();
        services.AddSingleton<AgentSessionState>();
        services.AddSingleton<CheckInSignal>();
        services.AddSingleton<GrantReconciler>();
        services.AddSingleton<ReconcilerLeadership>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconcilerLeadership>());
        services.AddHostedService<RegistrationService>();

        services.AddMeshTunnelOptions(builder.Configuration);
        services.AddSingleton<ImpersonationRewriter>();
        services.AddSingleton<TunnelHostingService>();
        services.AddHostedService(sp => sp.GetRequiredService<TunnelHostingService>());

        services.AddHealthChecks().AddCheck<RegisteredHealthCheck>("registered", tags: [MeshServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
