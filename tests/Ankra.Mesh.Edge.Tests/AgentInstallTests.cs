using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>GET /api/v1/clusters/{id}/agent/install.yaml: the agent's manifests for one cluster, for the holder of its registration token.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentInstallTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task InstallYaml_RegistrationToken_ServesK8sAgentWithImageSecretEdgeUrlAndNatsCa()
    {
        var created = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name = $"inst-{Guid.NewGuid():N}"[..16] });
        var clusterId = created.Json!["cluster"]!["id"]!.GetValue<string>();
        var token = created.Str("agent_token");

        var served = await fixture.Edge.Client(token).GetApiAsync(created.Str("install_url").Replace("https://mesh.example.test", "", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal("application/yaml", served.Message.Content.Headers.ContentType?.MediaType);
        Assert.True(served.Message.Headers.CacheControl?.NoStore);
        var stream = new YamlStream();
        stream.Load(new StringReader(served.Text));
        var objects = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        Assert.Equal(
            ["Namespace/ankra", "ServiceAccount/ankra-agent", "ClusterRole/ankra-agent", "ClusterRoleBinding/ankra-agent", "Secret/ankra-agent-registration",
             "ConfigMap/ankra-agent-nats-ca", "Deployment/ankra-agent", "PodDisruptionBudget/ankra-agent"],
            objects.Select(o => $"{Text(o, "kind")}/{Text(o, "metadata", "name")}"));
        Assert.All(objects.Where(o => Text(o, "kind") is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding")),
            o => Assert.Equal("ankra", Text(o, "metadata", "namespace")));

        var secret = objects.Single(o => Text(o, "kind") == "Secret");
        Assert.Equal(token, Text(secret, "stringData", "token"));
        Assert.Equal("https://mesh.example.test", Text(secret, "stringData", "edge-url"));
        Assert.Equal(clusterId, Text(secret, "metadata", "labels", "ankra.io/cluster-id"));
        Assert.Equal(await File.ReadAllTextAsync(fixture.Nats.CaPath!), Text(objects.Single(o => Text(o, "kind") == "ConfigMap"), "data", "ca.crt"));

        var container = (YamlMappingNode)((YamlSequenceNode)Node(objects.Single(o => Text(o, "kind") == "Deployment"), "spec", "template", "spec", "containers"))[0];
        Assert.Equal("ankra-mesh/agent:0.1.0", Text(container, "image"));
        Assert.Contains(((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>(),
            env => Text(env, "name") == "Mesh__Agent__NatsCaFile" && Text(env, "value") == "/var/run/ankra/nats-ca/ca.crt");
        Assert.Contains(((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>(), mount => Text(mount, "name") == "nats-ca");
    }

    [Fact]
    public async Task CreateCluster_InstallCommand_IsCurlOfTheInstallUrlIntoKubectlApply()
    {
        var created = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name = $"cmd-{Guid.NewGuid():N}"[..16] });
        var clusterId = created.Json!["cluster"]!["id"]!.GetValue<string>();

        Assert.Equal($"https://mesh.example.test/api/v1/clusters/{clusterId}/agent/install.yaml", created.Str("install_url"));
        Assert.Equal($"curl -fsSL -H \"Authorization: Bearer {created.Str("agent_token")}\" {created.Str("install_url")} | kubectl apply -f -", created.Str("install_command"));
    }

    [Fact]
    public async Task InstallYaml_WrongMissingOrRotatedToken_Returns401WithDetail()
    {
        var (clusterId, token) = await fixture.NewClusterAsync();
        var (_, otherClusterToken) = await fixture.NewClusterAsync();
        var path = $"/api/v1/clusters/{clusterId}/agent/install.yaml";
        var forged = token[..^4] + "AAAA";

        var missing = await fixture.Edge.Client().GetApiAsync(path);
        var wrongSecret = await fixture.Edge.Client(forged).GetApiAsync(path);
        var otherCluster = await fixture.Edge.Client(otherClusterToken).GetApiAsync(path);
        var apiToken = await fixture.Edge.Client(fixture.Admin.Token).GetApiAsync(path);
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate");
        var rotated = await fixture.Edge.Client(token).GetApiAsync(path);

        foreach (var refused in new[] { missing, wrongSecret, otherCluster, apiToken, rotated })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Contains("registration token", refused.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("kind: Secret", refused.Text, StringComparison.Ordinal);
        }
    }

    private static YamlNode Node(YamlMappingNode node, params string[] path) =>
        path.Aggregate((YamlNode)node, (current, key) => ((YamlMappingNode)current)[key]);

    private static string? Text(YamlMappingNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value;
}
