using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Runs <see cref="Bootstrapper"/> at start-up when <c>Mesh:Bootstrap</c> is configured. The token file is
/// both output and input: a still-valid token in it is kept, so restarts leave the admin one bootstrap token.
/// </summary>
internal sealed class StartupBootstrap(Bootstrapper bootstrapper, IOptions<BootstrapOptions> options, ILogger<StartupBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.Organisation) && string.IsNullOrEmpty(o.AdminEmail))
        {
            return;
        }

        if (string.IsNullOrEmpty(o.TokenFile))
        {
            throw new InvalidOperationException($"{BootstrapOptions.Section}:TokenFile is required with {BootstrapOptions.Section}:Organisation (the admin API token is written there).");
        }

        var current = await Bootstrapper.ReadTokenFileAsync(o.TokenFile, cancellationToken);
        var result = await bootstrapper.RunAsync(o.Organisation, o.AdminEmail, current);
        if (result.Failure is not null)
        {
            throw new InvalidOperationException($"Bootstrap failed: {result.Failure.Detail}");
        }

        var outcome = result.Value!;
        if (outcome.Reused)
        {
            EdgeLog.BootstrapTokenReused(logger, o.TokenFile);
        }
        else
        {
            await Bootstrapper.WriteTokenFileAsync(o.TokenFile, outcome.Token, cancellationToken);
            EdgeLog.BootstrapTokenRotated(logger, o.AdminEmail!, outcome.Revoked);
        }

        EdgeLog.Bootstrapped(logger, o.Organisation!, outcome.OrganisationId, o.AdminEmail!, o.TokenFile);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
