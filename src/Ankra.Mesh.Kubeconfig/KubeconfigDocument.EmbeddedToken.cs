using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>The self-contained kubeconfig the edge hands out (REST, portal download, gRPC <c>GenerateKubeconfig</c>).</summary>
public sealed partial class KubeconfigDocument
{
    /// <summary>
    /// One cluster, user and context, all named <paramref name="name"/>, the user carrying <paramref name="token"/>
    /// as a static bearer token, and that context current. Nothing else: the file works on its own (with
    /// <c>KUBECONFIG=</c> or <c>--kubeconfig</c>) and merges into an existing one by name.
    /// </summary>
    public static KubeconfigDocument WithEmbeddedToken(string name, string server, string token, string? defaultNamespace)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(server);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var document = Empty();
        document.Upsert(ClustersKey, name, "cluster", new YamlMappingNode { { "server", server } });
        document.Upsert(UsersKey, name, "user", new YamlMappingNode { { "token", token } });
        var context = new YamlMappingNode { { "cluster", name }, { "user", name } };
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            context.Add("namespace", defaultNamespace);
        }

        document.Upsert(ContextsKey, name, "context", context);
        document.CurrentContext = name;
        return document;
    }
}
