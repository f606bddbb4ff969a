using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>
/// A self-contained kubeconfig for one server: what the edge hands out (REST, portal download, gRPC
/// <c>GenerateKubeconfig</c>), and what KubeSim and the test stack write for direct access.
/// </summary>
public sealed partial class KubeconfigDocument
{
    /// <summary>
    /// One cluster, user and context, all named <paramref name="name"/>, and that context current. The user
    /// carries <paramref name="token"/> as a static bearer token, or no credential when it is null. The file
    /// works on its own (<c>KUBECONFIG=</c> or <c>--kubeconfig</c>) and merges into another one by name.
    /// </summary>
    /// <param name="certificateAuthorityFile">A CA file the cluster entry names (<c>certificate-authority</c>), or null for the system store.</param>
    public static KubeconfigDocument SingleContext(string name, string server, string? token, string? defaultNamespace, string? certificateAuthorityFile = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(server);
        var document = Empty();
        var cluster = new YamlMappingNode { { "server", server } };
        if (!string.IsNullOrEmpty(certificateAuthorityFile))
        {
            cluster.Add("certificate-authority", certificateAuthorityFile);
        }

        document.Upsert(ClustersKey, name, "cluster", cluster);
        document.Upsert(UsersKey, name, "user", string.IsNullOrEmpty(token) ? new YamlMappingNode() : new YamlMappingNode { { "token", token } });
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
