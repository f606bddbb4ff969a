using System.Text;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Kubeconfig;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>Builds the cluster, user and context entries for one Ankra cluster.</summary>
internal sealed class KubeconfigEntryWriter(CommandContext context, KubeconfigEntryOptions options)
{
    private const int MaxSlugLength = 40;

    /// <summary>Adds or refreshes the cluster's entries; returns the context name used.</summary>
    public async Task<string> AddAsync(KubeconfigDocument document, ClusterInfo cluster, CancellationToken cancellationToken)
    {
        var name = $"ankra-{Slug(cluster.Name)}";
        if (document.NameTakenByOther(name, cluster.Id))
        {
            name = $"{name}-{cluster.Id.Replace("-", "", StringComparison.Ordinal)[..8]}";
        }

        var organisation = context.Settings.Organisation ?? cluster.OrganisationId;
        YamlMappingNode user;
        string server;
        if (options.EmbedToken)
        {
            var token = await context.Api.MintKubeTokenAsync(cluster.Id, cancellationToken);
            server = token.Server;
            user = new YamlMappingNode { { "token", token.Token } };
        }
        else
        {
            server = $"{context.Settings.BaseUrl}/api/v1/clusters/{cluster.Id}/k8s";
            user = new YamlMappingNode { { "exec", ExecEntry(cluster.Id, organisation) } };
        }

        var clusterNode = new YamlMappingNode { { "server", server } };
        if (options.InsecureSkipTlsVerify)
        {
            clusterNode.Add("insecure-skip-tls-verify", KubeconfigDocument.Boolean(true));
        }

        if (options.CertificateAuthorityData is not null)
        {
            clusterNode.Add("certificate-authority-data", options.CertificateAuthorityData);
        }

        document.UpsertAnkraEntries(name, clusterNode, user, cluster.Id, cluster.Name, organisation, options.Namespace);
        return name;
    }

    private YamlMappingNode ExecEntry(string clusterId, string? organisation)
    {
        var arguments = new YamlSequenceNode("cluster", "kube-token", "--cluster", clusterId);
        if (!string.IsNullOrEmpty(organisation))
        {
            arguments.Add("--org");
            arguments.Add(organisation);
        }

        // Settings given on this command line must reach the plugin too, or it would read another config.
        if (context.Settings.ConfigPathGiven)
        {
            arguments.Add("--config");
            arguments.Add(Path.GetFullPath(context.Settings.ConfigFile.Path));
        }

        if (context.Settings.BaseUrlGiven)
        {
            arguments.Add("--base-url");
            arguments.Add(context.Settings.BaseUrl);
        }

        return new YamlMappingNode
        {
            { "apiVersion", "client.authentication.k8s.io/v1" },
            { "command", options.ExecCommand },
            { "args", arguments },
            { "interactiveMode", "Never" },
            { "provideClusterInfo", KubeconfigDocument.Boolean(false) },
        };
    }

    /// <summary>A DNS-label-like form of the cluster name: lower case, [a-z0-9-], bounded length.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var character in name.ToLowerInvariant())
        {
            var keep = character is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (keep || (slug.Length > 0 && slug[^1] != '-'))
            {
                slug.Append(keep ? character : '-');
            }
        }

        var result = slug.ToString().Trim('-');
        result = result.Length > MaxSlugLength ? result[..MaxSlugLength].TrimEnd('-') : result;
        return result.Length == 0 ? "cluster" : result;
    }
}
