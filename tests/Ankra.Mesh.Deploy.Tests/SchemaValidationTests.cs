using System.Text.Json.Nodes;
using Ankra.Mesh.Deploy.Tests.Rendering;
using Ankra.Mesh.Deploy.Tests.Validation;
using Xunit.Abstractions;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>
/// Both kustomizations render with kubectl 1.27 and 1.33 alike, and every object they produce is valid for
/// Kubernetes 1.27 and 1.33 and served by every version between.
/// </summary>
[Collection(ManifestsCollection.Name)]
public sealed class SchemaValidationTests(ManifestsFixture manifests, ITestOutputHelper output)
{
    /// <summary>
    /// The group/versions our manifests may use: GA in 1.27 and still served in 1.33 (Kubernetes' deprecated API
    /// migration guide removes none of them). The schema packages also describe removed APIs (policy/v1beta1,
    /// autoscaling/v2beta2 …), so "has a schema" alone would not catch one.
    /// </summary>
    private static readonly HashSet<string> ServedFrom127To133 =
        ["v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1"];

    [Fact]
    public void Render_Kubectl127And133_SameObjects()
    {
        foreach (var renderings in new[] { manifests.ControlPlane, manifests.Agent, manifests.AgentCustomised })
        {
            Assert.NotEmpty(renderings["1.27"].Objects);
            Assert.Equal(renderings["1.27"].Identities(), renderings["1.33"].Identities());
            Assert.Equal(renderings["1.27"].Yaml, renderings["1.33"].Yaml);
        }
    }

    [Fact]
    public void Validate_EveryRenderedObject_ValidFor127And133WithNoUnknownField()
    {
        var checkedObjects = 0;
        foreach (var (rendering, findings) in manifests.Validated)
        {
            foreach (var (index, obj) in rendering.Objects.Index())
            {
                var mine = findings.Where(f => f.Index == index).ToList();
                // Two schema versions plus the unknown-field check: a missing one would pass silently.
                Assert.Equal(3, mine.Count);
                Assert.Equal(["1.27", "1.33"], mine.Where(f => f.Check == "schema").Select(f => f.KubernetesVersion).Order());
                var errors = mine.SelectMany(f => f.Errors.Select(e => $"{f.KubernetesVersion} {f.Check}: {e}")).ToList();
                Assert.True(errors.Count == 0, $"{Describe(obj)} in {rendering.Directory} (kubectl {rendering.KubectlVersion}):\n{string.Join('\n', errors)}");
                checkedObjects++;
            }
        }

        output.WriteLine($"{checkedObjects} rendered objects valid against the Kubernetes 1.27 and 1.33 schemas");
        Assert.True(checkedObjects >= 40, $"only {checkedObjects} objects were checked");
    }

    [Fact]
    public void Render_EveryObject_ApiVersionServedFrom127To133()
    {
        foreach (var (rendering, _) in manifests.Validated)
        {
            foreach (var obj in rendering.Objects)
            {
                Assert.True(ServedFrom127To133.Contains((string)obj["apiVersion"]!), $"{Describe(obj)} uses an API not served by every Kubernetes 1.27–1.33");
            }
        }
    }

    [Fact]
    public async Task Validate_BrokenDeployment_ReportsEveryDefectForBothVersions()
    {
        var broken = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
             "spec": {"replicas": "two", "selector": {"matchLabels": {"a": "b"}},
                      "template": {"metadata": {"labels": {"a": "b"}},
                                   "spec": {"containers": [{"image": "i",
                                            "readinesProbe": {"httpGet": {"path": "/readyz", "port": 8080}},
                                            "lifecycle": {"preStop": {"sleep": {"seconds": 5}}}}]}}}}
            """)!.AsObject();

        var findings = await KubernetesSchemaValidator.ValidateAsync([broken]);

        foreach (var version in KubernetesSchemaValidator.KubernetesVersions)
        {
            var schema = string.Join('\n', findings.Single(f => f.Check == "schema" && f.KubernetesVersion == version).Errors);
            Assert.Contains("/spec/replicas must be integer", schema, StringComparison.Ordinal);
            Assert.Contains("missingProperty\":\"name", schema, StringComparison.Ordinal);
        }

        // A typo, and a field that only Kubernetes 1.29+ knows (the preStop sleep action): both refused.
        var unknown = findings.Single(f => f.Check == "unknown-fields").Errors;
        Assert.Contains("/spec/template/spec/containers/0/readinesProbe is not a field in Kubernetes 1.27", unknown);
        Assert.Contains("/spec/template/spec/containers/0/lifecycle/preStop/sleep is not a field in Kubernetes 1.27", unknown);
    }

    private static string Describe(JsonObject obj) => $"{obj["apiVersion"]} {obj["kind"]} {obj["metadata"]?["name"]}";
}
