using System.CommandLine;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster delete NAME|ID</c>: deletes a cluster after a confirmation (exit 4 when declined).</summary>
internal static class ClusterDeleteCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("cluster") { Description = "Cluster name or id" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking (required when stdin is not a terminal)" };
        var command = CommandExamples.New("delete", "Delete a cluster: every grant and kube token of it is revoked and its agent is disconnected.", """
            ankra cluster delete staging
            ankra cluster delete 3f2c9a70-0d9e-4c55-b1d1-9a6f7e0c2b11 --yes
            """, reference, yes);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            // Without a terminal nobody can answer: a script must say --yes, it never deletes by default.
            if (!context.ParseResult.GetValue(yes) && Console.IsInputRedirected)
            {
                throw new CliException(ExitCodes.Declined, "Not deleted: stdin is not a terminal, so nobody can confirm; pass --yes to delete without asking.");
            }

            var target = await ClusterResolver.ResolveAsync(context, context.ParseResult.GetValue(reference)!, cancellationToken);
            if (!context.ParseResult.GetValue(yes))
            {
                await context.Error.WriteAsync(
                    $"Delete cluster {target.Name} ({target.Id})? Every grant and kube token of it is revoked and its agent disconnected. Type the cluster's name to confirm: ");
                var answer = await Console.In.ReadLineAsync(cancellationToken);
                if (!string.Equals(answer?.Trim(), target.Name, StringComparison.Ordinal))
                {
                    throw new CliException(ExitCodes.Declined, $"Not deleted: the answer was not \"{target.Name}\".");
                }
            }

            await context.Api.DeleteClusterAsync(target.Id, cancellationToken);
            if (context.Settings.ConfigFile.Get(AnkraConfigFile.SelectedClusterIdKey) == target.Id)
            {
                // A selection of a cluster that no longer exists would only produce "not found" later.
                ClusterSelectCommand.ClearSelection(context);
            }

            await context.Out.WriteLineAsync($"Deleted cluster {target.Name} ({target.Id}). Its kubeconfig entries stop working; remove them with `ankra cluster kubeconfig remove {target.Name}`.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
