using System.Net;

namespace Ankra.Mesh.Deploy.Tests.Policies;

/// <summary>One end of a connection: a pod (namespace, its labels, the pod's labels) or an address outside the cluster.</summary>
internal sealed record Peer(string Description, string? Namespace, IReadOnlyDictionary<string, string> PodLabels, IPAddress? ExternalAddress)
{
    /// <summary>A pod in <paramref name="namespace"/> (whose automatic kubernetes.io/metadata.name label is implied).</summary>
    public static Peer Pod(string description, string @namespace, IReadOnlyDictionary<string, string> labels) =>
        new(description, @namespace, labels, null);

    /// <summary>A pod in <paramref name="namespace"/> with one label.</summary>
    public static Peer Pod(string description, string @namespace, string label, string value) =>
        Pod(description, @namespace, new Dictionary<string, string> { [label] = value });

    /// <summary>An address outside the cluster.</summary>
    public static Peer External(string description, string address) =>
        new(description, null, new Dictionary<string, string>(), IPAddress.Parse(address));

    /// <summary>The namespace's labels as the API server sets them.</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels =>
        Namespace is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = Namespace };

    public override string ToString() => Description;
}
