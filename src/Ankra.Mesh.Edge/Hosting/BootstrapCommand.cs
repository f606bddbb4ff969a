using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// <c>Ankra.Mesh.Edge bootstrap --org NAME --admin-email EMAIL [--token-file PATH]</c>: connects to the
/// silos as an Orleans client (needs <c>Mesh:Orleans:Mode=AdoNet</c>), creates the organisation and
/// admin if missing, and prints an admin API token (or writes it to the file, mode 0600).
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
            await Console.Error.WriteLineAsync("bootstrap talks to the silos' PostgreSQL state: set Mesh:Orleans:Mode=AdoNet and Mesh:Orleans:ConnectionString. The embedded default keeps state inside the edge process; bootstrap it with Mesh:Bootstrap:Organisation, Mesh:Bootstrap:AdminEmail and Mesh:Bootstrap:TokenFile instead.");
            return 2;
        }

        builder.AddMeshOrleans(clientInAdoNetMode: true);
        builder.Services.AddEdgeControlPlane(serving: false);
        using var host = builder.Build();
        ApiOutcome<(string OrganisationId, string Token)> result;
        try
        {
            await host.StartAsync();
            result = await host.Services.GetRequiredService<Bootstrapper>().RunAsync(org, email);
            await host.StopAsync();
        }
        catch (Exception ex) when (ex is OptionsValidationException or OrleansException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"bootstrap failed: {ex.Message}");
            return 1;
        }
        if (result.Failure is not null)
        {
            await Console.Error.WriteLineAsync($"usage: bootstrap --org NAME --admin-email EMAIL [--token-file PATH]: {result.Failure.Detail}");
            return 2;
        }

        if (tokenFile is not null)
        {
            await Bootstrapper.WriteTokenFileAsync(tokenFile, result.Value.Token);
            await Console.Out.WriteLineAsync($"organisation {result.Value.OrganisationId}; admin API token written to {tokenFile}");
        }
        else
        {
            await Console.Out.WriteLineAsync(result.Value.Token);
        }

        return 0;
    }
}
