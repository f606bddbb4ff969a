using System.Reflection;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Edge.AgentInstall;

/// <summary>
/// Renders the agent's install manifests for one cluster from <c>k8s/agent</c> (embedded in this assembly), the
/// way <c>kubectl kustomize</c> would with an overlay: the kustomization's resources in its order and namespace,
/// the configured image, the registration Secret (token and edge URL) and, when a NATS CA is configured, the
/// <c>components/nats-ca</c> component with its ConfigMap. One source: the manifests customers could apply with
/// <c>kubectl apply -k</c> are the ones served here.
/// </summary>
internal sealed class AgentManifests
{
    private const string Root = "k8s/agent/";
    private const string RegistrationSecret = "ankra-agent-registration";
    private const string NatsCaConfigMap = "ankra-agent-nats-ca";
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal) { "Namespace", "ClusterRole", "ClusterRoleBinding" };

    private readonly Dictionary<string, string> _files;
    private readonly string _image;
    private readonly string? _natsCa;

    public AgentManifests(IOptions<EdgeOptions> edge, IOptions<MeshNatsOptions> nats)
    {
        var assembly = typeof(AgentManifests).Assembly;
        _files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Root, StringComparison.Ordinal))
            .ToDictionary(name => name[Root.Length..], name => Read(assembly, name), StringComparer.Ordinal);
        _image = edge.Value.AgentImage;
        var caFile = edge.Value.AgentNatsCaFile is { Length: > 0 } agentCa ? agentCa : nats.Value.CaFile;
        _natsCa = caFile is { Length: > 0 } ? File.ReadAllText(caFile) : null;
    }

    /// <summary>The namespace the agent runs in (the kustomization's <c>namespace:</c>).</summary>
    public string Namespace => Scalar(Kustomization(), "namespace");

    /// <summary>Multi-document YAML for <c>kubectl apply -f -</c>.</summary>
    public string Render(string clusterId, string clusterName, string registrationToken, string edgeUrl)
    {
        var kustomization = Kustomization();
        var ns = Scalar(kustomization, "namespace");
        var documents = new List<YamlMappingNode>();
        foreach (var resource in ((YamlSequenceNode)kustomization.Children["resources"]).Children.Cast<YamlScalarNode>())
        {
            documents.AddRange(Parse(_files[resource.Value!]).Select(d => (YamlMappingNode)d.RootNode));
        }

        foreach (var document in documents.Where(d => !ClusterScopedKinds.Contains(Scalar(d, "kind"))))
        {
            ((YamlMappingNode)document.Children["metadata"]).Children["namespace"] = new YamlScalarNode(ns);
        }

        var deployment = documents.Single(d => Scalar(d, "kind") == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)At(deployment, "spec", "template", "spec", "containers")).Children[0];
        container.Children["image"] = new YamlScalarNode(_image);

        var extra = new List<YamlMappingNode> { Secret(ns, clusterId, registrationToken, edgeUrl) };
        if (_natsCa is not null)
        {
            extra.Add(NatsCaConfigMapOf(ns));
            ApplyComponent("components/nats-ca/kustomization.yaml", deployment);
        }

        // Secret and ConfigMap before the Deployment that mounts them, so its pods start with both present.
        documents.InsertRange(documents.IndexOf(deployment), extra);
        using var writer = new StringWriter();
        writer.WriteLine($"# Ankra Mesh agent for cluster {clusterName} ({clusterId}), rendered from k8s/agent.");
        writer.WriteLine("# Holds the cluster's registration token in Secret " + RegistrationSecret + ": keep it out of logs and repositories.");
        foreach (var document in documents)
        {
            writer.WriteLine("---");
            using var one = new StringWriter();
            new YamlStream(new YamlDocument(document)).Save(one, assignAnchors: false);

            // Save ends every document with "..."; the separators already delimit them.
            writer.Write(one.ToString().ReplaceLineEndings("\n").TrimEnd('\n') is var text && text.EndsWith("\n...", StringComparison.Ordinal) ? text[..^4] : text);
            writer.Write('\n');
        }

        return writer.ToString();
    }

    private YamlMappingNode Kustomization() => (YamlMappingNode)Parse(_files["kustomization.yaml"]).Single().RootNode;

    private static YamlMappingNode Secret(string ns, string clusterId, string token, string edgeUrl) => Map(
        ("apiVersion", "v1"),
        ("kind", "Secret"),
        ("metadata", Map(
            ("name", RegistrationSecret),
            ("namespace", ns),
            ("labels", Map(("app.kubernetes.io/name", "ankra-agent"), ("ankra.io/cluster-id", clusterId))))),
        ("type", "Opaque"),
        ("stringData", Map(
            ("token", new YamlScalarNode(token) { Style = ScalarStyle.DoubleQuoted }),
            ("edge-url", new YamlScalarNode(edgeUrl) { Style = ScalarStyle.DoubleQuoted }))));

    private YamlMappingNode NatsCaConfigMapOf(string ns) => Map(
        ("apiVersion", "v1"),
        ("kind", "ConfigMap"),
        ("metadata", Map(
            ("name", NatsCaConfigMap),
            ("namespace", ns),
            ("labels", Map(("app.kubernetes.io/name", "ankra-agent"))))),
        ("data", Map(("ca.crt", new YamlScalarNode(_natsCa!.ReplaceLineEndings("\n")) { Style = ScalarStyle.Literal }))));

    /// <summary>
    /// Applies a component's JSON 6902 patches to the Deployment. The components here only append (<c>op: add</c>
    /// to <c>…/-</c>) or set a key; anything else is refused, so a new component cannot be served half-applied.
    /// </summary>
    private void ApplyComponent(string file, YamlMappingNode deployment)
    {
        var component = (YamlMappingNode)Parse(_files[file]).Single().RootNode;
        foreach (var patch in ((YamlSequenceNode)component.Children["patches"]).Children.Cast<YamlMappingNode>())
        {
            if (Scalar((YamlMappingNode)patch.Children["target"], "kind") != "Deployment")
            {
                throw new InvalidOperationException($"{file}: only Deployment patches are supported");
            }

            var operations = (YamlSequenceNode)Parse(Scalar(patch, "patch")).Single().RootNode;
            foreach (var operation in operations.Children.Cast<YamlMappingNode>())
            {
                var path = Scalar(operation, "path").Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (Scalar(operation, "op") != "add" || path.Length == 0)
                {
                    throw new InvalidOperationException($"{file}: only 'add' operations are supported");
                }

                var parent = path[..^1].Aggregate((YamlNode)deployment, Step);
                var value = operation.Children["value"];
                switch (parent)
                {
                    case YamlSequenceNode list when path[^1] == "-":
                        list.Add(value);
                        break;
                    case YamlMappingNode map:
                        map.Children[path[^1]] = value;
                        break;
                    default:
                        throw new InvalidOperationException($"{file}: cannot apply {Scalar(operation, "path")}");
                }
            }
        }
    }

    private static YamlMappingNode Map(params (string Key, YamlNode Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
        {
            map.Add(key, value);
        }

        return map;
    }

    private static YamlNode Step(YamlNode node, string segment) => node switch
    {
        YamlMappingNode map => map.Children[segment],
        YamlSequenceNode list => list.Children[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)],
        _ => throw new InvalidOperationException($"no '{segment}' in a scalar"),
    };

    private static YamlNode At(YamlMappingNode node, params string[] path) => path.Aggregate((YamlNode)node, Step);

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode { Value: { } text } ? text : string.Empty;

    private static IList<YamlDocument> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }
}
