using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>
/// Ankra's entries in a kubeconfig. A context is ours when it carries the <see cref="ExtensionName"/>
/// extension naming the cluster and organisation; cluster and user entries share the context's name.
/// </summary>
public sealed partial class KubeconfigDocument
{
    public const string ExtensionName = "ankra.io/cluster";

    public IReadOnlyList<AnkraContext> AnkraContexts()
    {
        var contexts = new List<AnkraContext>();
        foreach (var entry in List(ContextsKey).Children.OfType<YamlMappingNode>())
        {
            var context = Mapping(entry, "context");
            var extension = context is null ? null : AnkraExtension(context);
            if (Scalar(entry, "name") is not { } name || extension is null)
            {
                continue;
            }

            var cluster = Scalar(context!, "cluster") ?? name;
            var server = Find(ClustersKey, cluster) is { } clusterEntry && Mapping(clusterEntry, "cluster") is { } body
                ? Scalar(body, "server")
                : null;
            contexts.Add(new AnkraContext(name, cluster, Scalar(context!, "user") ?? name, server,
                Scalar(extension, "cluster_id") ?? "", Scalar(extension, "cluster_name") ?? ""));
        }

        return contexts;
    }

    /// <summary>Writes the cluster, user and context entries of one Ankra cluster under <paramref name="name"/>.</summary>
    public void UpsertAnkraEntries(string name, YamlMappingNode cluster, YamlMappingNode user, string clusterId, string clusterName, string? organisationId, string? defaultNamespace)
    {
        Upsert(ClustersKey, name, "cluster", cluster);
        Upsert(UsersKey, name, "user", user);
        var context = new YamlMappingNode { { "cluster", name }, { "user", name } };
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            context.Add("namespace", defaultNamespace);
        }

        var extension = new YamlMappingNode
        {
            { "apiVersion", "ankra.io/v1" },
            { "kind", "ClusterReference" },
            { "cluster_id", clusterId },
            { "cluster_name", clusterName },
        };
        if (!string.IsNullOrEmpty(organisationId))
        {
            extension.Add("organisation_id", organisationId);
        }

        Upsert(ContextsKey, name, "context", context,
            new YamlSequenceNode(new YamlMappingNode { { "name", ExtensionName }, { "extension", extension } }));
    }

    /// <summary>Removes an Ankra context and the cluster and user entries it points at.</summary>
    public void RemoveAnkraEntries(AnkraContext context)
    {
        Remove(ContextsKey, context.ContextName);
        Remove(ClustersKey, context.ClusterEntry);
        Remove(UsersKey, context.UserEntry);
        if (CurrentContext == context.ContextName)
        {
            CurrentContext = null;
        }
    }

    /// <summary>True when an entry of that name exists that is not Ankra's entry for <paramref name="clusterId"/>.</summary>
    public bool NameTakenByOther(string name, string clusterId)
    {
        var ours = AnkraContexts().FirstOrDefault(context => context.ContextName == name);
        if (ours is not null)
        {
            return ours.ClusterId != clusterId;
        }

        return Contains(ContextsKey, name) || Contains(ClustersKey, name) || Contains(UsersKey, name);
    }

    private static YamlMappingNode? AnkraExtension(YamlMappingNode context) =>
        context.Children.TryGetValue(new YamlScalarNode("extensions"), out var node) && node is YamlSequenceNode extensions
            ? extensions.Children.OfType<YamlMappingNode>()
                .Where(extension => Scalar(extension, "name") == ExtensionName)
                .Select(extension => Mapping(extension, "extension"))
                .FirstOrDefault()
            : null;
}
