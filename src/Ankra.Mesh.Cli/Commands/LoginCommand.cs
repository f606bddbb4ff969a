using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra login --token T</c>: checks the token against the API, then saves it.</summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var command = CommandExamples.New("login", "Save an API token after checking it against the API.", """
            ankra login --token ank_xxx --base-url https://mesh.example.com
            """);
        CommandAction.Set(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var token = context.ParseResult.GetValue(GlobalOptions.Token);
        if (string.IsNullOrEmpty(token))
        {
            // The browser-based login arrives with the web portal; until then say how to get a token.
            await context.Error.WriteLineAsync("""
                Browser login is not available yet. Log in with an API token instead:
                  ankra login --token <api token> [--base-url <url>]
                Get a token from an organisation admin (`ankra tokens create` on a logged-in machine),
                or, for a new installation, from the bootstrap token file the control plane wrote.
                """);
            return ExitCodes.Usage;
        }

        using var api = new AnkraApiClient(context.Settings.BaseUrl, token, context.Settings.Organisation, context.Settings.CertificateAuthority);
        var user = await api.GetCurrentUserAsync(cancellationToken);

        var file = context.Settings.ConfigFile;
        file.Set(AnkraConfigFile.TokenKey, token);
        file.Set(AnkraConfigFile.BaseUrlKey, context.Settings.BaseUrl);
        if (context.Settings.CertificateAuthority is { } certificateAuthority)
        {
            file.Set(AnkraConfigFile.CertificateAuthorityKey, certificateAuthority);
        }

        if (context.ParseResult.GetValue(GlobalOptions.Organisation) is { } organisation)
        {
            file.Set(AnkraConfigFile.OrganisationKey, organisation);
        }

        file.Save();
        var organisations = user.Organisations.Count == 0 ? "no organisation" : string.Join(", ", user.Organisations.Select(o => $"{o.Name} ({o.Role})"));
        await context.Out.WriteLineAsync($"Logged in as {user.Email} — {organisations}. Saved to {file.Path}.");
        return ExitCodes.Ok;
    }
}
