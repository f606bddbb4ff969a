using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Resources;

namespace Ankra.Mesh.KubeSim.Discovery;

/// <summary>
/// The discovery documents: legacy (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIResourceList</c>) and
/// aggregated (<c>apidiscovery.k8s.io</c> v2 and v2beta1 <c>APIGroupDiscoveryList</c>), built from the catalog.
/// </summary>
internal sealed class DiscoveryDocuments(ResourceCatalog catalog)
{
    public const string ServerVersion = "v1.30.0";

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "30",
        ["gitVersion"] = ServerVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-04-17T00:00:00Z",
        ["goVersion"] = "go1.22.2",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. catalog.Groups.Where(g => g.Name.Length > 0).Select(g => (JsonNode)Group(g))]),
    };

    public JsonObject? Group(string name) => catalog.Groups.FirstOrDefault(g => g.Name == name && name.Length > 0) is { } group ? Group(group) : null;

    public JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in catalog.Types.Where(t => t.Group == group && t.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = Strings(type.Verbs),
                ["shortNames"] = type.ShortNames.Count > 0 ? Strings(type.ShortNames) : null,
                ["categories"] = type.Categories.Count > 0 ? Strings(type.Categories) : null,
            });
            foreach (var sub in type.Subresources)
            {
                var (kind, subGroup, verbs) = Subresource(type, sub);
                var entry = new JsonObject { ["name"] = $"{type.Plural}/{sub}", ["singularName"] = "", ["namespaced"] = type.Namespaced };
                if (subGroup is not null)
                {
                    entry["group"] = subGroup;
                    entry["version"] = "v1";
                }

                entry["kind"] = kind;
                entry["verbs"] = Strings(verbs);
                resources.Add(entry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>Aggregated discovery of the core group (<c>/api</c>) or of all named groups (<c>/apis</c>).</summary>
    public JsonObject Aggregated(bool core, string apiVersion)
    {
        var items = new JsonArray();
        foreach (var group in catalog.Groups.Where(g => (g.Name.Length == 0) == core))
        {
            var versions = new JsonArray();
            foreach (var version in group.Versions)
            {
                var resources = new JsonArray();
                foreach (var type in catalog.Types.Where(t => t.Group == group.Name && t.Version == version))
                {
                    var subresources = new JsonArray();
                    foreach (var sub in type.Subresources)
                    {
                        var (kind, subGroup, verbs) = Subresource(type, sub);
                        subresources.Add(new JsonObject
                        {
                            ["subresource"] = sub,
                            ["responseKind"] = new JsonObject { ["group"] = subGroup ?? "", ["version"] = "v1", ["kind"] = kind },
                            ["verbs"] = Strings(verbs),
                        });
                    }

                    resources.Add(new JsonObject
                    {
                        ["resource"] = type.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                        ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = type.Singular,
                        ["verbs"] = Strings(type.Verbs),
                        ["shortNames"] = type.ShortNames.Count > 0 ? Strings(type.ShortNames) : null,
                        ["categories"] = type.Categories.Count > 0 ? Strings(type.Categories) : null,
                        ["subresources"] = subresources.Count > 0 ? subresources : null,
                    });
                }

                versions.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = group.Name.Length == 0 ? new JsonObject() : new JsonObject { ["name"] = group.Name },
                ["versions"] = versions,
            });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static (string Kind, string? Group, string[] Verbs) Subresource(ResourceType type, string sub) => sub switch
    {
        "log" => ("Pod", null, ["get"]),
        "exec" => ("PodExecOptions", null, ["create", "get"]),
        "attach" => ("PodAttachOptions", null, ["create", "get"]),
        "portforward" => ("PodPortForwardOptions", null, ["create", "get"]),
        "proxy" => (type.Kind == "Pod" ? "PodProxyOptions" : "ServiceProxyOptions", null, ["create", "delete", "get", "patch", "update"]),
        "scale" => ("Scale", "autoscaling", ["get", "patch", "update"]),
        "token" => ("TokenRequest", "authentication.k8s.io", ["create"]),
        "finalize" => (type.Kind, null, ["update"]),
        _ => (type.Kind, null, ["get", "patch", "update"]),
    };

    private static JsonObject Group(ApiGroup group)
    {
        var versions = new JsonArray([.. group.Versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group.Name}/{v}", ["version"] = v })]);
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group.Name,
            ["versions"] = versions,
            ["preferredVersion"] = versions[0]!.DeepClone(),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
