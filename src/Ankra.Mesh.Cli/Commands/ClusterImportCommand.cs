using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Output;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster import NAME</c>: registers a cluster and prints the agent's registration token once.</summary>
internal static class ClusterImportCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Name of the cluster in Ankra" };
        var tokenFile = new Option<string?>("--token-file") { Description = "Write the registration token to this file (mode 0600) instead of printing it" };
        var output = SharedOptions.Output();
        var command = CommandExamples.New("import", "Register an existing cluster and get the token its agent registers with.", """
            ankra cluster import production
            ankra cluster import staging --token-file ./staging.token
            """, name, tokenFile, output);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var imported = await context.Api.ImportClusterAsync(context.ParseResult.GetValue(name)!, cancellationToken);
            if (context.ParseResult.GetValue(tokenFile) is { } path)
            {
                Configuration.AtomicFile.Write(path, imported.AgentToken + "\n");
                imported = WithoutSecret(imported, Path.GetFullPath(path));
            }

            if (DataWriter.TryWrite(context.Out, context.ParseResult.GetValue(output)!, imported, ApiJsonContext.Default.ImportedCluster))
            {
                return ExitCodes.Ok;
            }

            await context.Out.WriteLineAsync($"Cluster {imported.Cluster.Name} imported with id {imported.Cluster.Id}.");
            await context.Out.WriteLineAsync($"Agent registration token{(context.ParseResult.GetValue(tokenFile) is null ? " (shown once)" : "")}: {imported.AgentToken}");
            if (!string.IsNullOrEmpty(imported.InstallCommand))
            {
                await context.Out.WriteLineAsync($"Install the agent in the cluster with:\n  {imported.InstallCommand}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// What is printed when the token went to a file: nothing that holds the secret. The install command reads the
    /// file instead (the server's command has the token inline, so it is rebuilt from the install URL); a server too
    /// old to name that URL gets no install command rather than the secret.
    /// </summary>
    internal static ImportedCluster WithoutSecret(ImportedCluster imported, string tokenFile)
    {
        var install = imported.InstallUrl is { Length: > 0 } url
            ? $"curl -fsSL -H \"Authorization: Bearer $(cat {ShellQuote(tokenFile)})\" {url} | kubectl apply -f -"
            : null;
        return imported with { AgentToken = $"(written to {tokenFile})", InstallCommand = install };
    }

    /// <summary>A POSIX shell single-quoted word.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
