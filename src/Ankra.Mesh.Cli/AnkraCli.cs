using System.CommandLine;
using Ankra.Mesh.Cli.Commands;

namespace Ankra.Mesh.Cli;

/// <summary>The <c>ankra</c> command tree and its exit-code rules (usage errors exit 2).</summary>
internal static class AnkraCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ankra: reach your private Kubernetes clusters with plain kubectl.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(LoginCommand.Create());
        root.Subcommands.Add(LogoutCommand.Create());

        var cluster = CommandExamples.New("cluster", "Work with clusters: list, select, kube tokens, kubeconfig entries, access.", """
            ankra cluster list
            ankra cluster kubeconfig add production --use
            """);
        cluster.Subcommands.Add(ClusterListCommand.Create());
        cluster.Subcommands.Add(ClusterImportCommand.Create());
        cluster.Subcommands.Add(ClusterDeleteCommand.Create());
        cluster.Subcommands.Add(ClusterSelectCommand.Create());
        cluster.Subcommands.Add(ClusterSelectCommand.CreateClear());
        cluster.Subcommands.Add(KubeTokenCommand.Create());
        var kubeconfig = CommandExamples.New("kubeconfig", "Manage Ankra entries in your kubeconfig.", """
            ankra cluster kubeconfig add --all
            ankra cluster kubeconfig list
            """);
        kubeconfig.Subcommands.Add(KubeconfigAddCommand.Create());
        kubeconfig.Subcommands.Add(KubeconfigListCommand.CreateRemove());
        kubeconfig.Subcommands.Add(KubeconfigListCommand.Create());
        cluster.Subcommands.Add(kubeconfig);
        cluster.Subcommands.Add(AccessCommands.Create());
        root.Subcommands.Add(cluster);

        root.Subcommands.Add(TokenCommands.Create());
        root.Subcommands.Add(MemberCommands.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        CommandExamples.Install(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parseResult = root.Parse(args);
        var suggesting = root.Directives.OfType<System.CommandLine.Completions.SuggestDirective>().Any(d => parseResult.GetResult(d) is not null);
        // A completion request ([suggest:N] from `ankra completion`'s scripts) parses a half-typed line: errors are expected.
        if (parseResult.Errors.Count > 0 && !CommandExamples.IsHelp(parseResult) && !suggesting)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync($"Error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync();
    }
}
