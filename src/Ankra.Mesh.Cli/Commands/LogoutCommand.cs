using System.CommandLine;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra logout [--local-only]</c>: revokes the saved token server-side (best effort) and forgets it.</summary>
internal static class LogoutCommand
{
    public static Command Create()
    {
        var localOnly = new Option<bool>("--local-only") { Description = "Only forget the token here; do not revoke it on the server" };
        var command = CommandExamples.New("logout", "Revoke the saved API token and remove it from the config file.", """
            ankra logout
            """, localOnly);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var file = context.Settings.ConfigFile;
            if (file.Get(AnkraConfigFile.TokenKey) is null)
            {
                await context.Out.WriteLineAsync("Not logged in; nothing to do.");
                return ExitCodes.Ok;
            }

            if (!context.ParseResult.GetValue(localOnly))
            {
                try
                {
                    await context.Api.RevokeTokenAsync("current", cancellationToken);
                }
                catch (CliException exception)
                {
                    await context.Error.WriteLineAsync($"Warning: could not revoke the token on the server ({exception.Message}); forgetting it here anyway.");
                }
            }

            file.Set(AnkraConfigFile.TokenKey, null);
            file.Set(AnkraConfigFile.TokenIdKey, null);
            file.Set(AnkraConfigFile.TokenNameKey, null);
            file.Save();
            await context.Out.WriteLineAsync("Logged out.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
