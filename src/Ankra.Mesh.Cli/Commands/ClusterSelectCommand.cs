using System.CommandLine;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster select [name]</c> and <c>ankra cluster clear</c>: the default for <c>--cluster</c>.</summary>
internal static class ClusterSelectCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("cluster") { Description = "Cluster name or id", Arity = ArgumentArity.ZeroOrOne };
        var command = CommandExamples.New("select", "Choose the cluster that commands use when --cluster is not given.", """
            ankra cluster select production
            """, name);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var reference = context.ParseResult.GetValue(name);
            if (reference is null)
            {
                var clusters = await ClusterResolver.ListAllAsync(context, cancellationToken);
                if (clusters.Count != 1)
                {
                    throw new CliException(ExitCodes.Usage, clusters.Count == 0
                        ? "Your organisation has no clusters yet."
                        : $"Name the cluster to select: ankra cluster select <name> (one of: {string.Join(", ", clusters.Select(c => c.Name))}).");
                }

                reference = clusters[0].Id;
            }

            var cluster = await ClusterResolver.ResolveAsync(context, reference, cancellationToken);
            var file = context.Settings.ConfigFile;
            file.Set(AnkraConfigFile.SelectedClusterIdKey, cluster.Id);
            file.Set(AnkraConfigFile.SelectedClusterNameKey, cluster.Name);
            file.Save();
            await context.Out.WriteLineAsync($"Selected cluster {cluster.Name} ({cluster.Id}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateClear()
    {
        var command = CommandExamples.New("clear", "Forget the selected cluster.", """
            ankra cluster clear
            """);
        CommandAction.Set(command, async (context, _) =>
        {
            ClearSelection(context);
            await context.Out.WriteLineAsync("Cluster selection cleared.");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Forgets the selected cluster in the config file.</summary>
    public static void ClearSelection(CommandContext context)
    {
        var file = context.Settings.ConfigFile;
        file.Set(AnkraConfigFile.SelectedClusterIdKey, null);
        file.Set(AnkraConfigFile.SelectedClusterNameKey, null);
        file.Save();
    }
}
