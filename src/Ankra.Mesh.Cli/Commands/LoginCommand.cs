using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// <c>ankra login</c>: in the browser (single sign-on, then an approval step), or <c>--token T</c>: checks the token
/// against the API, then saves it.
/// </summary>
internal static class LoginCommand
{
    private static readonly Option<bool> NoBrowser = new("--no-browser") { Description = "Only print the sign-in address; do not try to open a browser" };

    public static Command Create()
    {
        var command = CommandExamples.New("login", "Sign in through the browser (or save an API token) and save the API token.", """
            ankra login --base-url https://mesh.example.com
            ankra login --token ank_xxx --base-url https://mesh.example.com
            """, NoBrowser);
        CommandAction.Set(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var token = context.ParseResult.GetValue(GlobalOptions.Token);
        if (string.IsNullOrEmpty(token))
        {
            return await BrowserLogin.RunAsync(context, openBrowser: !context.ParseResult.GetValue(NoBrowser), cancellationToken);
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
