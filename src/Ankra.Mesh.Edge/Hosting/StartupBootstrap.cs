using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>Runs <see cref="Bootstrapper"/> at start-up when <c>Mesh:Bootstrap</c> is configured.</summary>
internal sealed class StartupBootstrap(Bootstrapper bootstrapper, IOptions<BootstrapOptions> options, ILogger<StartupBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.Organisation) && string.IsNullOrEmpty(o.AdminEmail))
        {
            return;
        }

        var result = await bootstrapper.RunAsync(o.Organisation, o.AdminEmail);
        if (result.Failure is not null)
        {
            throw new InvalidOperationException($"Bootstrap failed: {result.Failure.Detail}");
        }

        if (string.IsNullOrEmpty(o.TokenFile))
        {
            throw new InvalidOperationException($"{BootstrapOptions.Section}:TokenFile is required with {BootstrapOptions.Section}:Organisation (the admin API token is written there).");
        }

        await Bootstrapper.WriteTokenFileAsync(o.TokenFile, result.Value.Token, cancellationToken);
        EdgeLog.Bootstrapped(logger, o.Organisation!, result.Value.OrganisationId, o.AdminEmail!, o.TokenFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
