using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ankra.Mesh.ServiceDefaults;

/// <summary>
/// Wiring every Ankra Mesh process shares: OpenTelemetry metrics and traces, health checks and
/// the endpoints that expose them. Each process calls <see cref="AddMeshServiceDefaults"/> on its
/// builder and <see cref="MapMeshDefaultEndpoints"/> on its app.
/// </summary>
public static class MeshServiceDefaultsExtensions
{
    /// <summary>Every meter and activity source of ours starts with this prefix.</summary>
    public const string TelemetryPrefix = "Ankra.Mesh";

    /// <summary>Tag on health checks that decide readiness (<c>/readyz</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Tag on health checks that decide liveness (<c>/healthz</c>, <c>/livez</c>).</summary>
    public const string LiveTag = "live";

    /// <summary>The meter Orleans publishes its own instruments under (activations, messaging, storage, gateways).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Adds OpenTelemetry (Prometheus scraping, OTLP when configured) and health checks.</summary>
    public static TBuilder AddMeshServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The frameworks' per-request lines (ASP.NET Core's "Request starting/finished", YARP's "Proxying to",
        // HttpClient's per-request lines) cost more CPU than forwarding a small kubectl request does. They are
        // off by default and come back with e.g. Logging__LogLevel__Yarp=Information; ours stay at Information.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietFrameworkLogging });

        // Log lines carry the trace and span ids, so a proxied request can be followed edge → agent. The text console
        // shows them only with IncludeScopes; Logging:Console:FormatterName=json with FormatterOptions:IncludeScopes=true
        // (the manifests set both) writes one JSON object per line with TraceId and SpanId among its scopes.
        builder.Services.Configure<LoggerFactoryOptions>(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Metrics and health are served on an internal listener only (Mesh:Telemetry:InternalUrl), never on a public one.
        builder.Services.AddOptions<MeshTelemetryOptions>().BindConfiguration(MeshTelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<MeshTelemetryOptions>, MeshTelemetryOptionsValidator>();
        builder.Services.AddSingleton<InternalListener>();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(sp => sp.GetRequiredService<InternalListener>());
        builder.Services.AddSingleton<ClusterLabels>();

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter($"{TelemetryPrefix}.*")
                // A silo's (and the embedded edge's) grain activations, messaging, storage and gateway numbers. Edges in
                // AdoNet mode are Orleans clients and publish few of them.
                .AddMeter(OrleansMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());

        // Traces (and OTLP export) only when an operator points us at a collector: spans nobody receives cost a
        // kubectl request measurable CPU on every hop, and nothing leaves the process otherwise. Without them
        // the request id (X-Ankra-Request-Id, Impersonate-Extra-ankra-request-id) still joins edge and cluster.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource($"{TelemetryPrefix}.*")
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !IsProbePath(context.Request.Path.Value))
                .AddHttpClientInstrumentation());
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>
    /// Maps <c>/healthz</c> and <c>/livez</c> (liveness), <c>/readyz</c> and <c>/metrics</c> on the internal listener
    /// (<see cref="MeshTelemetryOptions.InternalUrl"/>) and nowhere else: on any other listener they are 404, and on the
    /// internal listener everything else is 404. Call it before the process maps its own endpoints' middleware.
    /// </summary>
    public static WebApplication MapMeshDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var listener = app.Services.GetRequiredService<InternalListener>();

        // After routing (WebApplication routes first), before any endpoint runs: an internal endpoint reached through a
        // public listener, or anything else reached through the internal one, is not there.
        app.Use((context, next) =>
        {
            var internalEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<InternalEndpoint>() is not null;
            if (internalEndpoint == listener.Serves(context))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        var url = app.Services.GetRequiredService<IOptions<MeshTelemetryOptions>>().Value.InternalUrl;
        if (!listener.Enabled)
        {
            ServiceDefaultsLog.NoInternalListener(app.Logger);
            return app;
        }

        ServiceDefaultsLog.InternalListenerConfigured(app.Logger, url!);
        var live = new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) };
        app.MapHealthChecks("/healthz", live).WithMetadata(InternalEndpoint.Instance);
        app.MapHealthChecks("/livez", live).WithMetadata(InternalEndpoint.Instance);
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag),
        }).WithMetadata(InternalEndpoint.Instance);
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(InternalEndpoint.Instance);
        return app;
    }

    private static readonly Dictionary<string, string?> QuietFrameworkLogging = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Yarp"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
    };

    private static bool IsProbePath(string? path) =>
        path is "/healthz" or "/livez" or "/readyz" or "/metrics";
}
