using System.Text.Json.Nodes;

namespace Ankra.Mesh.Deploy.Tests.Rendering;

/// <summary>Reads the parts of a workload's pod template that the tests look at.</summary>
internal static class PodTemplate
{
    /// <summary><c>spec.template.spec</c> of a Deployment.</summary>
    public static JsonObject Spec(JsonObject workload) =>
        workload["spec"]?["template"]?["spec"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"{Name(workload)} has no pod template");

    /// <summary>The pod template's labels.</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject workload) =>
        Strings(workload["spec"]?["template"]?["metadata"]?["labels"]);

    /// <summary>Every container of the pod template (init containers included).</summary>
    public static IEnumerable<JsonObject> Containers(JsonObject workload)
    {
        var spec = Spec(workload);
        var all = (spec["containers"]?.AsArray() ?? []).Concat(spec["initContainers"]?.AsArray() ?? []);
        return all.Select(c => c!.AsObject());
    }

    /// <summary>The container named <paramref name="name"/>.</summary>
    public static JsonObject Container(JsonObject workload, string name) =>
        Containers(workload).SingleOrDefault(c => (string?)c["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"{Name(workload)} has no container {name}");

    /// <summary>The literal value of environment variable <paramref name="name"/>, or null when unset or from a source.</summary>
    public static string? Env(JsonObject container, string name) =>
        (string?)(container["env"]?.AsArray() ?? []).SingleOrDefault(e => (string?)e!["name"] == name)?["value"];

    /// <summary>The environment variable entry <paramref name="name"/>.</summary>
    public static JsonObject EnvEntry(JsonObject container, string name) =>
        (container["env"]?.AsArray() ?? []).SingleOrDefault(e => (string?)e!["name"] == name)?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"container {container["name"]} has no env {name}");

    /// <summary>The container port that a probe's named or numbered port means.</summary>
    public static long PortNumber(JsonObject container, JsonNode? port) =>
        port is JsonValue value && value.TryGetValue<long>(out var number)
            ? number
            : (long?)(container["ports"]?.AsArray() ?? []).SingleOrDefault(p => (string?)p!["name"] == (string?)port)?["containerPort"]
              ?? throw new Xunit.Sdk.XunitException($"container {container["name"]} has no port {port}");

    /// <summary>A string map (labels, matchLabels) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Strings(JsonNode? map) =>
        (map?.AsObject() ?? []).ToDictionary(p => p.Key, p => (string?)p.Value ?? "", StringComparer.Ordinal);

    private static string Name(JsonObject o) => $"{o["kind"]} {o["metadata"]?["name"]}";
}
