using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>kubectl create, apply, patch, label and delete against KubeSim.</summary>
public sealed class KubectlWriteTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Apply_CreateThenChange_ConfiguresWithStrategicMerge(string version)
    {
        var name = $"api-{version.Replace(".", "", StringComparison.Ordinal)}";
        var file = await WriteManifestAsync(Manifest(name, "api:1", replicas: 2));

        var created = (await cluster.RunAsync(version, ["apply", "-f", file])).Succeeded();
        await File.WriteAllTextAsync(file, Manifest(name, "api:2", replicas: 3));
        var configured = (await cluster.RunAsync(version, ["apply", "-f", file])).Succeeded();
        var unchanged = (await cluster.RunAsync(version, ["apply", "-f", file])).Succeeded();
        var stored = JsonNode.Parse((await cluster.RunAsync(version, ["get", "deploy", name, "-o", "json"])).Succeeded().Output)!;

        Assert.Equal($"deployment.apps/{name} created", created.Output.Trim());
        Assert.Equal($"deployment.apps/{name} configured", configured.Output.Trim());
        Assert.Equal($"deployment.apps/{name} unchanged", unchanged.Output.Trim());
        var containers = stored["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.Equal("api:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal(80, containers[0]!["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal(3, stored["spec"]!["replicas"]!.GetValue<int>());
        Assert.Contains("api:2", stored["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task CreateFromFile_ThenDelete_PodIsGone(string version)
    {
        var name = $"made-{version.Replace(".", "", StringComparison.Ordinal)}";
        var file = await WriteManifestAsync(KubectlReadTests.Pod(name, "default"));

        var created = (await cluster.RunAsync(version, ["create", "-f", file])).Succeeded();
        var again = await cluster.RunAsync(version, ["create", "-f", file]);
        var deleted = (await cluster.RunAsync(version, ["delete", "pod", name])).Succeeded();
        var missing = await cluster.RunAsync(version, ["delete", "pod", name]);

        Assert.Equal($"pod/{name} created", created.Output.Trim());
        Assert.Contains($"Error from server (AlreadyExists): error when creating \"{file}\": pods \"{name}\" already exists", again.Error, StringComparison.Ordinal);
        Assert.Equal($"pod \"{name}\" deleted", deleted.Output.Trim());
        Assert.Contains($"Error from server (NotFound): pods \"{name}\" not found", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGenerators_TypedProtobufClients_CreateObjects()
    {
        var v = KubectlVersions.Newest;
        (await cluster.RunAsync(v, ["create", "namespace", "gen"])).Succeeded();
        (await cluster.RunAsync(v, ["create", "configmap", "cfg", "-n", "gen", "--from-literal=mode=fast"])).Succeeded();
        (await cluster.RunAsync(v, ["create", "secret", "generic", "pw", "-n", "gen", "--from-literal=password=s3cret"])).Succeeded();
        (await cluster.RunAsync(v, ["create", "deployment", "web", "-n", "gen", "--image=nginx:1", "--replicas=2"])).Succeeded();
        (await cluster.RunAsync(v, ["create", "service", "clusterip", "web", "-n", "gen", "--tcp=80:8080"])).Succeeded();
        (await cluster.RunAsync(v, ["create", "rolebinding", "rb", "-n", "gen", "--clusterrole=view", "--user=bob"])).Succeeded();
        (await cluster.RunAsync(v, ["run", "one", "-n", "gen", "--image=busybox", "--env=A=b", "--port=9000"])).Succeeded();

        var secret = JsonNode.Parse((await cluster.RunAsync(v, ["get", "secret", "pw", "-n", "gen", "-o", "json"])).Succeeded().Output)!;
        var service = (await cluster.RunAsync(v, ["get", "svc", "web", "-n", "gen"])).Succeeded();
        var binding = (await cluster.RunAsync(v, ["get", "rolebinding", "rb", "-n", "gen", "-o", "wide"])).Succeeded();
        var pod = (await cluster.RunAsync(v, ["get", "pod", "one", "-n", "gen"])).Succeeded();
        var cm = (await cluster.RunAsync(v, ["get", "cm", "cfg", "-n", "gen", "-o", "jsonpath={.data.mode}"])).Succeeded();

        Assert.Equal("czNjcmV0", secret["data"]!["password"]!.GetValue<string>());
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.Matches(@"^web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80/TCP\s+\d+s$", service.Lines[1]);
        Assert.Matches(@"^rb\s+ClusterRole/view\s+\d+s\s+bob\s*$", binding.Lines[1]);
        Assert.Matches(@"^one\s+1/1\s+Running", pod.Lines[1]);
        Assert.Equal("fast", cm.Output);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task PatchAndLabel_AllPatchTypes_ChangeTheObject(string version)
    {
        var name = $"patched-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed(KubectlReadTests.Pod(name, "default"));

        var strategic = (await cluster.RunAsync(version, ["patch", "pod", name, "-p", """{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}"""])).Succeeded();
        (await cluster.RunAsync(version, ["patch", "pod", name, "--type=merge", "-p", """{"metadata":{"annotations":{"owner":"team-a"}}}"""])).Succeeded();
        (await cluster.RunAsync(version, ["patch", "pod", name, "--type=json", "-p", """[{"op":"add","path":"/metadata/labels/patched","value":"json"}]"""])).Succeeded();
        var labeled = (await cluster.RunAsync(version, ["label", "pod", name, "tier=front"])).Succeeded();
        var conflict = await cluster.RunAsync(version, ["label", "pod", name, "tier=back"]);
        var pod = JsonNode.Parse((await cluster.RunAsync(version, ["get", "pod", name, "-o", "json"])).Succeeded().Output)!;

        Assert.Equal($"pod/{name} patched", strategic.Output.Trim());
        Assert.Equal($"pod/{name} labeled", labeled.Output.Trim());
        Assert.Contains("'tier' already has a value (front), and --overwrite is false", conflict.Error, StringComparison.Ordinal);
        var container = pod["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:2", container["image"]!.GetValue<string>());
        Assert.Equal("hello", container["env"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("team-a", pod["metadata"]!["annotations"]!["owner"]!.GetValue<string>());
        Assert.Equal("json", pod["metadata"]!["labels"]!["patched"]!.GetValue<string>());
        Assert.Equal("front", pod["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deployment_CreateScaleDelete_ManagesItsPods()
    {
        var v = KubectlVersions.Newest;
        cluster.Server.Seed(KubectlReadTests.Deployment("owner", 2));

        var two = (await cluster.RunAsync(v, ["get", "pods", "-l", "app=owner", "-o", "name"])).Succeeded();
        var scaled = (await cluster.RunAsync(v, ["scale", "deploy", "owner", "--replicas=3"])).Succeeded();
        var three = (await cluster.RunAsync(v, ["get", "pods", "-l", "app=owner"])).Succeeded();
        (await cluster.RunAsync(v, ["delete", "deploy", "owner"])).Succeeded();
        var none = (await cluster.RunAsync(v, ["get", "pods", "-l", "app=owner", "-o", "name"])).Succeeded();

        Assert.Equal("deployment.apps/owner scaled", scaled.Output.Trim());
        Assert.Equal(2, two.Lines.Length);
        Assert.All(two.Lines, l => Assert.Matches("^pod/owner-[0-9a-f]{10}-[a-z0-9]{5}$", l));
        Assert.Equal(4, three.Lines.Length);
        Assert.All(three.Lines.Skip(1), l => Assert.Matches(@"^owner-\S+\s+1/1\s+Running\s+0\s+\d+s$", l));
        Assert.Empty(none.Lines);
    }

    [Fact]
    public async Task DiffAndServerDryRun_ShowChangesWithoutStoringThem()
    {
        var v = KubectlVersions.Newest;
        var file = await WriteManifestAsync(Manifest("dry", "dry:1", replicas: 1));
        (await cluster.RunAsync(v, ["apply", "-f", file])).Succeeded();
        await File.WriteAllTextAsync(file, Manifest("dry", "dry:2", replicas: 1));

        var diff = await cluster.RunAsync(v, ["diff", "-f", file], environment: new Dictionary<string, string> { ["KUBECTL_EXTERNAL_DIFF"] = "diff -u" });
        var dryCreate = (await cluster.RunAsync(v, ["run", "ghost", "--image=x", "--dry-run=server"])).Succeeded();
        var image = (await cluster.RunAsync(v, ["get", "deploy", "dry", "-o", "jsonpath={.spec.template.spec.containers[0].image}"])).Succeeded();
        var ghost = await cluster.RunAsync(v, ["get", "pod", "ghost"]);

        Assert.Equal(1, diff.ExitCode);
        Assert.Matches(@"(?m)^-\s+- image: dry:1$", diff.Output);
        Assert.Matches(@"(?m)^\+\s+- image: dry:2$", diff.Output);
        Assert.Equal("pod/ghost created (server dry run)", dryCreate.Output.Trim());
        Assert.Equal("dry:1", image.Output);
        Assert.Contains("pods \"ghost\" not found", ghost.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteNamespace_RemovesItsObjects()
    {
        (await cluster.RunAsync(KubectlVersions.Newest, ["create", "namespace", "doomed"])).Succeeded();
        cluster.Server.Seed(KubectlReadTests.Pod("inside", "doomed"));

        var deleted = (await cluster.RunAsync(KubectlVersions.Newest, ["delete", "namespace", "doomed"])).Succeeded();
        var pods = await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "-n", "doomed", "-o", "name"]);

        Assert.Equal("namespace \"doomed\" deleted", deleted.Output.Trim());
        Assert.Empty(pods.Output.Trim());
    }

    private static string Manifest(string name, string image, int replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: api
                image: {image}
                ports:
                - containerPort: 80
        """;

    private Task<string> WriteManifestAsync(string content) => cluster.WriteFileAsync($"manifest-{Guid.NewGuid():N}.yaml", content);
}
