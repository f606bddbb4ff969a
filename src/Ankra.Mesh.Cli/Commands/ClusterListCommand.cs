using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster list</c>.</summary>
internal static class ClusterListCommand
{
    public static Command Create()
    {
        var output = SharedOptions.Output();
        var command = CommandExamples.New("list", "List the clusters of your organisation. The selected cluster is marked with *.", """
            ankra cluster list -o json
            """, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var clusters = await ClusterResolver.ListAllAsync(context, cancellationToken);
            if (DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, clusters, ApiJsonContext.Default.ListClusterInfo))
            {
                return ExitCodes.Ok;
            }

            var selected = context.Settings.ConfigFile.Get(AnkraConfigFile.SelectedClusterIdKey);
            TableWriter.Write(context.Out, ["", "Name", "ID", "State", "Kind", "Created"],
                clusters.Select(c => (IReadOnlyList<string>)[c.Id == selected ? "*" : "", c.Name, c.Id,
                    Formatting.OrDash(c.State), Formatting.OrDash(c.Kind), Formatting.Timestamp(c.CreatedAt)]));
            return ExitCodes.Ok;
        });
        return command;
    }
}
