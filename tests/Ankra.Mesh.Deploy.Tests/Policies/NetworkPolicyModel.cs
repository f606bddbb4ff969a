using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Deploy.Tests.Rendering;

namespace Ankra.Mesh.Deploy.Tests.Policies;

/// <summary>
/// Evaluates rendered NetworkPolicies as the API defines them: a pod selected by a policy of a direction is isolated in
/// that direction and accepts only what some rule of those policies allows; a connection needs the source's egress and
/// the destination's ingress. Covers what our manifests use (matchLabels, numbered ports, ipBlock) and refuses the rest.
/// </summary>
internal sealed class NetworkPolicyModel(IEnumerable<JsonObject> policies, string policyNamespace)
{
    private readonly IReadOnlyList<JsonObject> _policies = policies.ToList();

    /// <summary>True when <paramref name="from"/> may open <paramref name="protocol"/> <paramref name="port"/> on <paramref name="to"/>.</summary>
    public bool Allows(Peer from, Peer to, int port, string protocol = "TCP") =>
        Direction(from, to, from, "Egress", "to", port, protocol) && Direction(from, to, to, "Ingress", "from", port, protocol);

    private bool Direction(Peer from, Peer to, Peer subject, string type, string peersKey, int port, string protocol)
    {
        if (subject.Namespace != policyNamespace)
        {
            return true; // Not ours to decide.
        }

        var selecting = _policies
            .Where(p => LabelSelector.Matches(MatchLabels(p["spec"]!["podSelector"]), subject.PodLabels))
            .Where(p => p["spec"]!["policyTypes"]!.AsArray().Any(t => (string?)t == type))
            .ToList();
        var other = subject == from ? to : from;
        return selecting.Count == 0 || selecting.Any(p =>
            (p["spec"]![type.ToLowerInvariant()]?.AsArray() ?? []).Any(rule => RuleAllows(rule!.AsObject(), peersKey, other, port, protocol)));
    }

    private bool RuleAllows(JsonObject rule, string peersKey, Peer other, int port, string protocol)
    {
        var ports = rule["ports"]?.AsArray() ?? [];
        var portMatches = ports.Count == 0 || ports.Any(p =>
            ((string?)p!["protocol"] ?? "TCP") == protocol
            && (p["port"] is null || (p["port"] is JsonValue v && v.TryGetValue<long>(out var n)
                ? n == port
                : throw new NotSupportedException($"named port {p["port"]} in a NetworkPolicy"))));
        var peers = rule[peersKey]?.AsArray() ?? [];
        return portMatches && (peers.Count == 0 || peers.Any(peer => PeerMatches(peer!.AsObject(), other)));
    }

    private bool PeerMatches(JsonObject peer, Peer other)
    {
        if (peer["ipBlock"] is { } block)
        {
            return other.ExternalAddress is { } address
                && IPNetwork.Parse((string)block["cidr"]!).Contains(address)
                && !(block["except"]?.AsArray() ?? []).Any(e => IPNetwork.Parse((string)e!).Contains(address));
        }

        if (other.Namespace is null)
        {
            return false; // Pod and namespace selectors select pods only.
        }

        var namespaceMatches = peer["namespaceSelector"] is { } namespaces
            ? LabelSelector.Matches(MatchLabels(namespaces), other.NamespaceLabels)
            : other.Namespace == policyNamespace;
        var podMatches = peer["podSelector"] is not { } pods || LabelSelector.Matches(MatchLabels(pods), other.PodLabels);
        return namespaceMatches && podMatches;
    }

    private static IReadOnlyDictionary<string, string> MatchLabels(JsonNode? selector) =>
        selector?["matchExpressions"] is not null
            ? throw new NotSupportedException("matchExpressions in a NetworkPolicy selector")
            : PodTemplate.Strings(selector?["matchLabels"]);
}
