using System.Threading.RateLimiting;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Edge.Sso;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Portal;

/// <summary>
/// The portal (server-rendered Razor Pages under <c>/portal</c>), its session-authenticated API under
/// <c>/api/v1/org</c>, and the CLI's browser login under <c>/api/v1/cli/login</c>. Cookie authentication runs only
/// on <c>/portal</c> (and inside the portal API's filter): the token API and the kube proxy never look at cookies.
/// </summary>
internal static class PortalApplication
{
    public static IServiceCollection AddMeshPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMeshSso(configuration);
        services.AddOptions<CliLoginOptions>().BindConfiguration(CliLoginOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CliLoginOptions>, CliLoginOptionsValidator>();
        // The pages live in this assembly, which is not the entry assembly when a test hosts the edge in-process.
        services.AddRazorPages(o => o.RootDirectory = "/Portal/Pages").AddApplicationPart(typeof(PortalApplication).Assembly);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(CliLoginEndpoints.StartPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<CliLoginOptions>>().Value.StartsPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = (context, _) => new ValueTask(ErrorResponse.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                "Too many login requests from this address; wait a minute", TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    public static WebApplication MapMeshPortal(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/portal", StringComparison.OrdinalIgnoreCase), portal => portal.UseAuthentication());
        app.UseRateLimiter();
        app.MapGet("/", () => Results.Redirect("/portal"));
        app.MapRazorPages();
        PortalApiEndpoints.Map(app);
        CliLoginEndpoints.Map(app);
        return app;
    }
}
