using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// <c>Ankra.Mesh.Edge bootstrap --org NAME --admin-email EMAIL [--token-file PATH]</c>: connects to the
/// silos as an Orleans client (needs <c>Mesh:Orleans:Mode=AdoNet</c>), creates the organisation and
/// admin if missing, and prints an admin API token (or writes it to the file, mode 0600). Same rule as the
/// start-up bootstrap: the admin keeps one bootstrap token. A still-valid token in the file is kept; a
/// printed token is always new, and every earlier bootstrap token of the admin is revoked.
/// </summary>
internal static class BootstrapCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? org = null, email = null, tokenFile = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--org" when i + 1 < args.Length: org = args[++i]; break;
                case "--admin-email" when i + 1 < args.Length: email = args[++i]; break;
                case "--token-file" when i + 1 < args.Length: tokenFile = args[++i]; break;
                default: rest.Add(args[i]); break;
            }
        }

        var builder = Host.CreateApplicationBuilder([.. rest]);
        if (MeshOrleansHosting.ReadOrleansOptions(builder.Configuration).Mode != MeshOrleansMode.AdoNet)
        {
            await Console.Error.WriteLineAsync("bootstrap talks to the silos' PostgreSQL state: set Mesh:Orleans:Mode=AdoNet and Mesh:Orleans:ConnectionString. Ankra.Mesh.Standalone keeps state inside its own process; bootstrap it with Mesh:Bootstrap:Organisation, Mesh:Bootstrap:AdminEmail and Mesh:Bootstrap:TokenFile instead.");
            return 2;
        }

        builder.UseOrleansClient(client => client.ConfigureMeshClient(builder.Configuration));
        builder.Services.AddEdgeControlPlane(serving: false);
        using var host = builder.Build();
        ApiOutcome<BootstrapResult> result;
        try
        {
            var current = tokenFile is null ? null : await Bootstrapper.ReadTokenFileAsync(tokenFile);
            await host.StartAsync();
            result = await host.Services.GetRequiredService<Bootstrapper>().RunAsync(org, email, current);
            await host.StopAsync();
        }
        catch (Exception ex) when (ex is OptionsValidationException or OrleansException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"bootstrap failed: {ex.Message}");
            return 1;
        }
        if (result.Failure is not null)
        {
            await Console.Error.WriteLineAsync($"usage: bootstrap --org NAME --admin-email EMAIL [--token-file PATH]: {result.Failure.Detail}");
            return 2;
        }

        var outcome = result.Value!;
        if (tokenFile is null)
        {
            await Console.Out.WriteLineAsync(outcome.Token);
        }
        else if (outcome.Reused)
        {
            await Console.Out.WriteLineAsync($"organisation {outcome.OrganisationId}; the admin API token in {tokenFile} is still valid and was kept");
        }
        else
        {
            await Bootstrapper.WriteTokenFileAsync(tokenFile, outcome.Token);
            await Console.Out.WriteLineAsync($"organisation {outcome.OrganisationId}; admin API token written to {tokenFile}");
        }

        if (outcome.Revoked > 0)
        {
            await Console.Error.WriteLineAsync($"revoked {outcome.Revoked} earlier bootstrap token(s) of {email}");
        }

        return 0;
    }
}
