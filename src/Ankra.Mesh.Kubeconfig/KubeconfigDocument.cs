using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>
/// A kubeconfig as a YAML node tree (YamlDotNet's representation model): the one model and serializer for
/// every kubeconfig Ankra writes — the CLI's edits of the user's file, and the single-context files the edge
/// hands out and KubeSim and the test stack write (<see cref="SingleContext"/>). When editing, we touch only
/// the named entries we own; every other cluster, user, context, extension, preference — including fields
/// that typed kubeconfig models do not know, such as <c>exec.interactiveMode</c> or <c>proxy-url</c> —
/// is carried through unchanged in meaning. (KubernetesClient's typed model is used to read and to
/// validate the result in the CLI, but writing through it would drop such fields.)
/// </summary>
public sealed partial class KubeconfigDocument
{
    public const string ClustersKey = "clusters";
    public const string UsersKey = "users";
    public const string ContextsKey = "contexts";
    private const string CurrentContextKey = "current-context";

    private readonly YamlMappingNode _root;

    private KubeconfigDocument(YamlMappingNode root) => _root = root;

    public static KubeconfigDocument Empty() => new(new YamlMappingNode
    {
        { "apiVersion", Plain("v1") },
        { "kind", Plain("Config") },
        { "preferences", new YamlMappingNode() },
        { ClustersKey, new YamlSequenceNode() },
        { UsersKey, new YamlSequenceNode() },
        { ContextsKey, new YamlSequenceNode() },
        { CurrentContextKey, "" },
    });

    /// <summary>Reads the kubeconfig at <paramref name="path"/>; a missing or empty file is an empty kubeconfig.</summary>
    /// <exception cref="KubeconfigFormatException">The file is not YAML, or its top level is not a mapping.</exception>
    public static KubeconfigDocument Load(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return Empty();
        }

        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads a kubeconfig from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="KubeconfigFormatException">The text is not YAML, or its top level is not a mapping.</exception>
    public static KubeconfigDocument Parse(TextReader reader, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new KubeconfigFormatException($"{source} is not a valid kubeconfig ({exception.Start}: {exception.Message})", exception);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return Empty();
        }

        return stream.Documents[0].RootNode is YamlMappingNode root
            ? new KubeconfigDocument(root)
            : throw new KubeconfigFormatException($"{source} is not a kubeconfig (its top level is not a mapping)");
    }

    public string? CurrentContext
    {
        get => Scalar(_root, CurrentContextKey) is { Length: > 0 } name ? name : null;
        set => _root.Children[new YamlScalarNode(CurrentContextKey)] = new YamlScalarNode(value ?? "");
    }

    public bool Contains(string listKey, string name) => Find(listKey, name) is not null;

    /// <summary>Adds the entry, or replaces the one with the same name.</summary>
    public void Upsert(string listKey, string name, string bodyKey, YamlMappingNode body, YamlSequenceNode? extensions = null)
    {
        var entry = new YamlMappingNode { { "name", name }, { bodyKey, body } };
        if (extensions is not null)
        {
            body.Children[new YamlScalarNode("extensions")] = extensions;
        }

        var list = List(listKey);
        var existing = Find(listKey, name);
        if (existing is null)
        {
            list.Add(entry);
        }
        else
        {
            list.Children[list.Children.IndexOf(existing)] = entry;
        }
    }

    public bool Remove(string listKey, string name)
    {
        var existing = Find(listKey, name);
        return existing is not null && List(listKey).Children.Remove(existing);
    }

    private YamlSequenceNode List(string key)
    {
        if (_root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        var created = new YamlSequenceNode();
        _root.Children[new YamlScalarNode(key)] = created;
        return created;
    }

    private YamlMappingNode? Find(string listKey, string name) =>
        List(listKey).Children.OfType<YamlMappingNode>().FirstOrDefault(entry => Scalar(entry, "name") == name);

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;
}
