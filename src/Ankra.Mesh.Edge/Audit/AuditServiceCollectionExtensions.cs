using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>Registers the gateway audit: the buffer the kube proxy fills, the store, the background writer.</summary>
internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<AuditBuffer>();
        services.AddSingleton<GatewayAuditor>();
        services.AddSingleton<AuditEnricher>();
        // The store follows configuration: PostgreSQL when a connection string is set, memory otherwise.
        if (!string.IsNullOrWhiteSpace(configuration[$"{AuditOptions.Section}:ConnectionString"]))
        {
            services.AddSingleton<IAuditStore, PostgresAuditStore>();
        }
        else
        {
            services.AddSingleton<IAuditStore, InMemoryAuditStore>();
        }

        services.AddHostedService<AuditWriter>();
        return services;
    }
}
