using System.Text.Json.Nodes;
using Ankra.Mesh.Deploy.Tests.Rendering;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>
/// k8s/agent as customers get it (kubectl 1.27 and 1.33): two hardened replicas on different nodes, a disruption
/// budget, the RBAC the agent needs and no more, and the parameters an install (or the edge) sets in their one place.
/// </summary>
[Collection(ManifestsCollection.Name)]
public sealed class AgentManifestTests(ManifestsFixture manifests)
{
    private const string Agent = "ankra-agent";

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Deployment_TwoReplicasSpreadOverNodesWithADisruptionBudget(string kubectl)
    {
        var rendered = manifests.Agent[kubectl];
        var deployment = rendered.Single("Deployment", Agent);
        var labels = PodTemplate.Labels(deployment);

        Assert.Equal(2L, (long?)deployment["spec"]!["replicas"]);
        PodHardening.AssertHardened(deployment);

        var antiAffinity = PodTemplate.Spec(deployment)["affinity"]?["podAntiAffinity"]
            ?? throw new Xunit.Sdk.XunitException("the agent has no pod anti-affinity");
        var terms = (antiAffinity["preferredDuringSchedulingIgnoredDuringExecution"]?.AsArray() ?? []).Select(t => t!["podAffinityTerm"]!)
            .Concat(antiAffinity["requiredDuringSchedulingIgnoredDuringExecution"]?.AsArray() ?? []);
        Assert.Contains(terms, term => (string?)term!["topologyKey"] == "kubernetes.io/hostname"
            && LabelSelector.Matches(PodTemplate.Strings(term["labelSelector"]!["matchLabels"]), labels));

        var pdb = rendered.Single("PodDisruptionBudget", Agent);
        Assert.True(LabelSelector.Matches(PodTemplate.Strings(pdb["spec"]!["selector"]!["matchLabels"]), labels));
        Assert.Equal(1L, (long?)pdb["spec"]!["minAvailable"]);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Rbac_ImpersonatesUsersAndTwoExtrasBindsFourRolesOnlyAndElectsWithALease(string kubectl)
    {
        var rendered = manifests.Agent[kubectl];
        var rules = rendered.Single("ClusterRole", Agent)["rules"]!.AsArray()
            .Select(r => $"{Join(r!["apiGroups"])}|{Join(r["resources"])}|{Join(r["resourceNames"])}|{Join(r["verbs"])}")
            .ToList();

        Assert.Equal(
        [
            "|users||impersonate",
            "authentication.k8s.io|userextras/ankra-request-id,userextras/ankra-grant-id||impersonate",
            "rbac.authorization.k8s.io|clusterrolebindings,rolebindings||get,list,watch,create,update,patch,delete",
            "rbac.authorization.k8s.io|clusterroles|view,edit,admin,cluster-admin|bind",
            "|namespaces||get,list",
            "coordination.k8s.io|leases||get,create,update",
        ], rules);
        Assert.DoesNotContain(rules, r => r.Contains("groups", StringComparison.Ordinal) || r.Contains("serviceaccounts", StringComparison.Ordinal) || r.Contains('*'));

        var binding = rendered.Single("ClusterRoleBinding", Agent);
        var subject = Assert.Single(binding["subjects"]!.AsArray());
        Assert.Equal(("ServiceAccount", Agent, "ankra"), ((string?)subject!["kind"], (string?)subject["name"], (string?)subject["namespace"]));
        Assert.Equal(Agent, (string?)PodTemplate.Spec(rendered.Single("Deployment", Agent))["serviceAccountName"]);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Overlay_SetsImageRegistrationSecretAndNatsCa_EveryReferenceFollows(string kubectl)
    {
        var rendered = manifests.AgentCustomised[kubectl];
        var deployment = rendered.Single("Deployment", Agent);
        var container = PodTemplate.Container(deployment, "agent");
        var volumes = PodTemplate.Spec(deployment)["volumes"]!.AsArray().Select(v => v!.AsObject()).ToList();

        Assert.Equal($"{AgentOverlay.Image}@{AgentOverlay.Digest}", (string?)container["image"]);

        // Registration Secret: the token file's volume and the edge URL both come from the renamed Secret.
        Assert.Equal(AgentOverlay.RegistrationSecret, (string?)volumes.Single(v => (string?)v["name"] == "registration")["secret"]!["secretName"]);
        Assert.Equal(AgentOverlay.RegistrationSecret, (string?)PodTemplate.EnvEntry(container, "Mesh__Agent__EdgeUrl")["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.DoesNotContain("ankra-agent-registration", rendered.Yaml, StringComparison.Ordinal);

        // NATS CA: the generated ConfigMap (name with kustomize's hash) is mounted where Mesh__Agent__NatsCaFile points.
        var configMap = Assert.Single(rendered.OfKind("ConfigMap"));
        Assert.Equal(AgentOverlay.NatsCa, (string?)configMap["data"]!["ca.crt"]);
        var caVolume = volumes.Single(v => (string?)v["configMap"]?["name"] == (string?)configMap["metadata"]!["name"]);
        var mount = container["volumeMounts"]!.AsArray().Single(m => (string?)m!["name"] == (string?)caVolume["name"])!;
        Assert.Equal($"{mount["mountPath"]}/ca.crt", PodTemplate.Env(container, "Mesh__Agent__NatsCaFile"));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Base_WithoutOverlay_ReadsTheDocumentedSecretAndPinsNoCa(string kubectl)
    {
        var deployment = manifests.Agent[kubectl].Single("Deployment", Agent);
        var container = PodTemplate.Container(deployment, "agent");

        // The names the served install (Edge AgentManifests: the registration Secret) creates.
        Assert.Equal("ankra-agent-registration", (string?)PodTemplate.EnvEntry(container, "Mesh__Agent__EdgeUrl")["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("edge-url", (string?)PodTemplate.EnvEntry(container, "Mesh__Agent__EdgeUrl")["valueFrom"]!["secretKeyRef"]!["key"]);
        Assert.Equal("/var/run/ankra/registration/token", PodTemplate.Env(container, "Mesh__Agent__RegistrationTokenFile"));
        Assert.Null(PodTemplate.Env(container, "Mesh__Agent__NatsCaFile"));
        Assert.DoesNotContain(":latest", (string?)container["image"], StringComparison.Ordinal);
    }

    private static string Join(JsonNode? list) => string.Join(',', list?.AsArray().Select(x => (string?)x) ?? []);
}
