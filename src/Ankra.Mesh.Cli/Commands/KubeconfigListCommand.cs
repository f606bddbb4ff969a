using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;
using Ankra.Mesh.Cli.Kubeconfig;
using Ankra.Mesh.Cli.Output;
using Ankra.Mesh.Kubeconfig;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster kubeconfig list</c> and <c>remove</c>: the Ankra contexts of a kubeconfig.</summary>
internal static class KubeconfigListCommand
{
    public static Command Create()
    {
        var kubeconfig = KubeconfigOption();
        var output = SharedOptions.Output();
        var command = CommandExamples.New("list", "List the Ankra contexts in a kubeconfig (columns CONTEXT, SERVER, ACTIVE).", """
            ankra cluster kubeconfig list
            """, kubeconfig, output);
        CommandAction.Set(command, async (context, _) =>
        {
            var path = Locate(context, context.ParseResult.GetValue(kubeconfig));
            var document = KubeconfigFile.Load(path);
            var contexts = document.AnkraContexts();
            if (DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, contexts, ApiJsonContext.Default.IReadOnlyListAnkraContext))
            {
                return ExitCodes.Ok;
            }

            TableWriter.Write(context.Out, ["Context", "Server", "Active"],
                contexts.Select(c => (IReadOnlyList<string>)[c.ContextName, c.Server ?? "-", document.CurrentContext == c.ContextName ? "*" : ""]));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command CreateRemove()
    {
        var clusterArgument = new Argument<string?>("cluster") { Description = "Cluster name, id or context name", Arity = ArgumentArity.ZeroOrOne };
        var cluster = SharedOptions.Cluster();
        var all = new Option<bool>("--all") { Description = "Remove every Ankra entry" };
        var kubeconfig = KubeconfigOption();
        var command = CommandExamples.New("remove", "Remove Ankra entries from a kubeconfig; clears current-context if it pointed at a removed context.", """
            ankra cluster kubeconfig remove production
            ankra cluster kubeconfig remove --all
            """, clusterArgument, cluster, all, kubeconfig);
        CommandAction.Set(command, async (context, _) =>
        {
            var result = context.ParseResult;
            var path = Locate(context, result.GetValue(kubeconfig));
            var document = KubeconfigFile.Load(path);
            var reference = result.GetValue(clusterArgument) ?? result.GetValue(cluster);
            if (!result.GetValue(all) && reference is null)
            {
                throw new CliException(ExitCodes.Usage, "Name the cluster to remove, or pass --all.");
            }

            var removed = document.AnkraContexts()
                .Where(c => result.GetValue(all) || c.ClusterId == reference || c.ClusterName == reference || c.ContextName == reference)
                .ToList();
            if (removed.Count == 0)
            {
                throw new CliException(ExitCodes.NotFound, $"No Ankra context for \"{reference}\" in {path}.");
            }

            removed.ForEach(document.RemoveAnkraEntries);
            var yaml = document.Serialize();
            KubeconfigValidator.EnsureValid(yaml, path);
            AtomicFile.Write(path, yaml);
            foreach (var entry in removed)
            {
                await context.Out.WriteLineAsync($"Context \"{entry.ContextName}\" removed from {path}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> KubeconfigOption() =>
        new("--kubeconfig") { Description = "Kubeconfig file (default: first of $KUBECONFIG, else ~/.kube/config)" };

    private static string Locate(CommandContext context, string? flag) =>
        KubeconfigLocator.Resolve(flag, context.Settings.Environment, AnkraConfigFile.Home(context.Settings.Environment));
}
