using System.Text.Json.Nodes;

namespace Ankra.Mesh.Deploy.Tests.Rendering;

/// <summary>The objects one kustomization rendered to, with one kubectl version.</summary>
internal sealed record RenderedManifests(string KubectlVersion, string Directory, string Yaml, IReadOnlyList<JsonObject> Objects)
{
    /// <summary>Every object of <paramref name="kind"/>.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The one object of <paramref name="kind"/> named <paramref name="name"/>.</summary>
    public JsonObject Single(string kind, string name)
    {
        var found = OfKind(kind).Where(o => (string?)o["metadata"]?["name"] == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new Xunit.Sdk.XunitException($"expected one {kind} {name} in {Directory} (kubectl {KubectlVersion}), found {found.Count}");
    }

    /// <summary>"Kind/name" of every object, in order: what two renderings are compared by.</summary>
    public IReadOnlyList<string> Identities() =>
        Objects.Select(o => $"{o["apiVersion"]} {o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}").ToList();
}
