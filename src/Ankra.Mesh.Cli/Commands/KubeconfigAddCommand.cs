using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;
using Ankra.Mesh.Cli.Kubeconfig;
using Ankra.Mesh.Kubeconfig;

namespace Ankra.Mesh.Cli.Commands;

/// <summary><c>ankra cluster kubeconfig add</c>: writes cluster, user and context entries for Ankra clusters.</summary>
internal static class KubeconfigAddCommand
{
    public static Command Create()
    {
        var clusterArgument = new Argument<string?>("cluster") { Description = "Cluster name or id", Arity = ArgumentArity.ZeroOrOne };
        var cluster = SharedOptions.Cluster();
        var all = new Option<bool>("--all") { Description = "Add every cluster of the organisation" };
        var use = new Option<bool>("--use") { Description = "Make the new context current (single cluster only)" };
        var ns = new Option<string?>("--namespace") { Description = "Default namespace of the context" };
        var print = new Option<bool>("--print") { Description = "Print a standalone kubeconfig instead of editing a file" };
        var embedToken = new Option<bool>("--embed-token") { Description = "Embed a short-lived token instead of the exec plugin" };
        var execCommand = new Option<string>("--exec-command")
        {
            Description = "Command kubectl runs for credentials",
            DefaultValueFactory = _ => "ankra",
        };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: first of $KUBECONFIG, else ~/.kube/config)" };
        var insecure = new Option<bool>("--insecure-skip-tls-verify") { Description = "Do not verify the gateway's TLS certificate" };

        var command = CommandExamples.New("add", "Add kubeconfig entries (cluster, user, context named ankra-<cluster>) for one or all clusters. Other entries in the file are left exactly as they are.", """
            ankra cluster kubeconfig add production --use
            ankra cluster kubeconfig add --all --kubeconfig ./kubeconfig
            """, clusterArgument, cluster, all, use, ns, print, embedToken, execCommand, kubeconfig, insecure);

        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var result = context.ParseResult;
            var options = new KubeconfigEntryOptions(
                result.GetValue(embedToken), result.GetValue(execCommand)!, result.GetValue(insecure),
                ReadCertificateAuthority(context.Settings.CertificateAuthority), result.GetValue(ns));
            var addAll = result.GetValue(all);
            if (addAll && result.GetValue(use))
            {
                throw new CliException(ExitCodes.Usage, "--use needs a single cluster; it cannot be combined with --all.");
            }

            var clusters = addAll
                ? await ClusterResolver.ListAllAsync(context, cancellationToken)
                : [await ClusterResolver.ResolveAsync(context,
                    ClusterResolver.Reference(context, result.GetValue(clusterArgument) ?? result.GetValue(cluster)), cancellationToken)];
            if (addAll && options.EmbedToken && clusters.Count > 1)
            {
                await context.Error.WriteLineAsync($"Warning: minting {clusters.Count} tokens at once counts against your per-user mint rate limit.");
            }

            var printOnly = result.GetValue(print);
            var path = printOnly ? "(stdout)" : KubeconfigLocator.Resolve(result.GetValue(kubeconfig), context.Settings.Environment, AnkraConfigFile.Home(context.Settings.Environment));
            var document = printOnly ? KubeconfigDocument.Empty() : KubeconfigFile.Load(path);
            var writer = new KubeconfigEntryWriter(context, options);
            var names = new List<string>();
            foreach (var target in clusters)
            {
                names.Add(await writer.AddAsync(document, target, cancellationToken));
            }

            if ((printOnly || result.GetValue(use)) && names.Count == 1)
            {
                document.CurrentContext = names[0];
            }

            var yaml = document.Serialize();
            KubeconfigValidator.EnsureValid(yaml, path);
            if (printOnly)
            {
                await context.Out.WriteAsync(yaml);
                return ExitCodes.Ok;
            }

            AtomicFile.Write(path, yaml);
            foreach (var name in names)
            {
                await context.Out.WriteLineAsync($"Context \"{name}\" written to {path}{(document.CurrentContext == name ? " (current)" : "")}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? ReadCertificateAuthority(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.Usage, $"--certificate-authority: {path} does not exist.");
        }

        return Convert.ToBase64String(File.ReadAllBytes(path));
    }
}
