using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>kubectl get (Table, json, yaml) and describe against KubeSim.</summary>
public sealed class KubectlReadTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task GetPods_Table_ShowsKubectlColumnsAndRunningPod(string version)
    {
        var name = $"web-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed(Pod(name, "default"));

        var result = (await cluster.RunAsync(version, ["get", "pods", name])).Succeeded();

        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", result.Lines[0]);
        Assert.Matches($@"^{name}\s+1/1\s+Running\s+0\s+\d+s$", result.Lines[1]);
    }

    [Fact]
    public async Task GetPodsWide_Table_ShowsIpAndNode()
    {
        cluster.Server.Seed(Pod("wide", "default"));

        var result = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "pod", "wide", "-o", "wide"])).Succeeded();

        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$", result.Lines[0]);
        Assert.Matches(@"^wide\s+1/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+kubesim-node\s+<none>\s+<none>$", result.Lines[1]);
    }

    [Theory]
    [InlineData("namespaces", @"^NAME\s+STATUS\s+AGE$")]
    [InlineData("services", @"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$")]
    [InlineData("configmaps", @"^NAME\s+DATA\s+AGE$")]
    [InlineData("secrets", @"^NAME\s+TYPE\s+DATA\s+AGE$")]
    [InlineData("serviceaccounts", @"^NAME\s+SECRETS\s+AGE$")]
    [InlineData("deployments", @"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$")]
    [InlineData("clusterroles", @"^NAME\s+CREATED AT$")]
    [InlineData("clusterrolebindings", @"^NAME\s+ROLE\s+AGE$")]
    public async Task Get_EachKind_PrintsItsColumns(string resource, string header)
    {
        cluster.Server.Seed("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-X"},"data":{"a":"1","b":"2"}}""".Replace("X", resource, StringComparison.Ordinal));
        cluster.Server.Seed("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s-X"},"stringData":{"a":"1"}}""".Replace("X", resource, StringComparison.Ordinal));
        cluster.Server.Seed(Deployment($"d-{resource}", 3));

        var result = (await cluster.RunAsync(KubectlVersions.Newest, ["get", resource, "-A"])).Succeeded();

        Assert.Matches(header, result.Lines[0].Replace("NAMESPACE", "", StringComparison.Ordinal).Trim());
        Assert.True(result.Lines.Length > 1, result.Output);
    }

    [Fact]
    public async Task Get_DeploymentAndBuiltInRoles_ShowRealValues()
    {
        cluster.Server.Seed(Deployment("d-ready", 3));

        var deployment = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "deploy", "d-ready"])).Succeeded();
        var roles = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "clusterroles", "view", "edit", "admin", "cluster-admin", "-o", "name"])).Succeeded();

        Assert.Matches(@"^d-ready\s+3/3\s+3\s+3\s+\d+s$", deployment.Lines[1]);
        Assert.Equal(["clusterrole.rbac.authorization.k8s.io/view", "clusterrole.rbac.authorization.k8s.io/edit", "clusterrole.rbac.authorization.k8s.io/admin", "clusterrole.rbac.authorization.k8s.io/cluster-admin"], roles.Lines);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task GetPod_Json_ReturnsTheStoredObject(string version)
    {
        var name = $"json-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed(Pod(name, "default"));

        var result = (await cluster.RunAsync(version, ["get", "pod", name, "-o", "json"])).Succeeded();

        var pod = JsonNode.Parse(result.Output)!;
        Assert.Equal("Pod", pod["kind"]!.GetValue<string>());
        Assert.Equal(name, pod["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("Running", pod["status"]!["phase"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(pod["metadata"]!["uid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GetPod_Yaml_PrintsYaml()
    {
        cluster.Server.Seed(Pod("yaml", "default"));

        var result = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "pod", "yaml", "-o", "yaml"])).Succeeded();

        Assert.StartsWith("apiVersion: v1", result.Output, StringComparison.Ordinal);
        Assert.Contains("  name: yaml", result.Output, StringComparison.Ordinal);
        Assert.Contains("  phase: Running", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task DescribePod_ShowsContainersEnvironmentAndConditions(string version)
    {
        var name = $"described-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed(Pod(name, "default"));

        var result = (await cluster.RunAsync(version, ["describe", "pod", name])).Succeeded();

        Assert.Matches($@"(?m)^Name:\s+{name}$", result.Output);
        Assert.Matches(@"(?m)^Status:\s+Running$", result.Output);
        Assert.Matches(@"(?m)^\s+GREETING:\s+hello$", result.Output);
        Assert.Matches(@"(?m)^\s+Ready\s+True\s*$", result.Output);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task Explain_PodContainers_DescribesTheFieldFromOpenApi(string version)
    {
        var result = (await cluster.RunAsync(version, ["explain", "pods.spec.containers"])).Succeeded();

        Assert.Matches(@"(?m)^FIELD:\s+containers <\[\]Container>$", result.Output);
        Assert.Contains("List of containers belonging to the pod.", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+image\s+<string>$", result.Output);
    }

    [Fact]
    public async Task GetPod_Missing_PrintsNotFound()
    {
        var result = await cluster.RunAsync(KubectlVersions.Newest, ["get", "pod", "nope"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error from server (NotFound): pods \"nope\" not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LabelAndFieldSelectors_FilterPods()
    {
        cluster.Server.Seed(Pod("sel-a", "default", "tier=front"));
        cluster.Server.Seed(Pod("sel-b", "default", "tier=back"));

        var byLabel = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "-l", "tier in (front)", "-o", "name"])).Succeeded();
        var byField = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "--field-selector", "metadata.name=sel-b", "-o", "name"])).Succeeded();

        Assert.Equal(["pod/sel-a"], byLabel.Lines);
        Assert.Equal(["pod/sel-b"], byField.Lines);
    }

    [Fact]
    public async Task Get_ChunkSize_PagesWithContinue()
    {
        cluster.Server.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"paged"}}""");
        for (var i = 0; i < 7; i++)
        {
            cluster.Server.Seed(Pod($"page-{i}", "paged"));
        }

        var result = (await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "-n", "paged", "--chunk-size=2", "-o", "name"])).Succeeded();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"pod/page-{i}"), result.Lines);
        // The audit entry is written after the response, so wait for it rather than read the log at once.
        var continued = await cluster.Server.Audit.WaitForAsync(e => e.Namespace == "paged" && e.Verb == "list" && e.RequestUri.Contains("continue=", StringComparison.Ordinal))
            .WaitAsync(KubectlCluster.CommandTimeout);
        Assert.Contains("limit=2", continued.RequestUri, StringComparison.Ordinal);
    }

    internal static string Pod(string name, string ns, string? label = null)
    {
        var labels = label is null ? "{}" : $"{{\"{label.Split('=')[0]}\":\"{label.Split('=')[1]}\"}}";
        return """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"NS","labels":LABELS},
             "spec":{"containers":[{"name":"app","image":"nginx:1.25","env":[{"name":"GREETING","value":"hello"}],"ports":[{"containerPort":8080}]}]}}
            """.Replace("NAME", name, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal).Replace("LABELS", labels, StringComparison.Ordinal);
    }

    internal static string Deployment(string name, int replicas) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default"},
         "spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},
                 "template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
