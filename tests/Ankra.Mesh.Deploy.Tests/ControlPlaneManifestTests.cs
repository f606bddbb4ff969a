using System.Globalization;
using Ankra.Mesh.Deploy.Tests.Rendering;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>k8s/control-plane as kubectl 1.27 and 1.33 render it: what production relies on for edges and silos.</summary>
[Collection(ManifestsCollection.Name)]
public sealed class ControlPlaneManifestTests(ManifestsFixture manifests)
{
    private const string Edge = "ankra-mesh-edge";
    private const string Silo = "ankra-mesh-silo";

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Workloads_EdgeAndSilo_NonRootReadOnlyProbedWithRequests(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        PodHardening.AssertHardened(rendered.Single("Deployment", Edge));
        PodHardening.AssertHardened(rendered.Single("Deployment", Silo));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_Probes_OnInternalHttpPortNotTheTlsPort(string kubectl)
    {
        var edge = PodTemplate.Container(manifests.ControlPlane[kubectl].Single("Deployment", Edge), "edge");
        var internalUrl = new Uri(PodTemplate.Env(edge, "Mesh__Telemetry__InternalUrl")!);
        var publicUrl = new Uri(PodTemplate.Env(edge, "Kestrel__Endpoints__Https__Url")!);

        Assert.Equal("http", internalUrl.Scheme);
        Assert.NotEqual(publicUrl.Port, internalUrl.Port);
        Assert.Equal(internalUrl.Port, PodTemplate.PortNumber(edge, edge["readinessProbe"]!["httpGet"]!["port"]));
        Assert.Equal(internalUrl.Port, PodTemplate.PortNumber(edge, edge["livenessProbe"]!["httpGet"]!["port"]));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_TerminationGracePeriod_ExceedsPreStopWaitPlusShutdownDrain(string kubectl)
    {
        var deployment = manifests.ControlPlane[kubectl].Single("Deployment", Edge);
        var edge = PodTemplate.Container(deployment, "edge");
        var drain = TimeSpan.Parse(PodTemplate.Env(edge, "Mesh__Edge__ShutdownDrainTimeout")
            ?? throw new Xunit.Sdk.XunitException("edge.yaml must set Mesh__Edge__ShutdownDrainTimeout"), CultureInfo.InvariantCulture);
        var preStop = edge["lifecycle"]?["preStop"]?["exec"]?["command"]?.AsArray().Select(c => (string?)c).ToList() ?? [];
        var preStopWait = preStop is ["sleep", var seconds] ? TimeSpan.FromSeconds(int.Parse(seconds!, CultureInfo.InvariantCulture)) : TimeSpan.Zero;
        var grace = TimeSpan.FromSeconds((long)PodTemplate.Spec(deployment)["terminationGracePeriodSeconds"]!);

        // The kubelet's grace period starts with the preStop hook; SIGTERM (and the drain) only after it.
        Assert.True(grace > preStopWait + drain, $"terminationGracePeriodSeconds {grace} must exceed preStop {preStopWait} + drain {drain}");
        Assert.True(drain >= TimeSpan.FromMinutes(1), $"a drain of {drain} cuts kubectl streams on every rolling update");
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_DisruptionBudgetAndAutoscaler_KeepTwoEdgesAndLetOneGo(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        var deployment = rendered.Single("Deployment", Edge);
        var pdb = rendered.Single("PodDisruptionBudget", Edge);
        var hpa = rendered.Single("HorizontalPodAutoscaler", Edge);

        Assert.True(LabelSelector.Matches(PodTemplate.Strings(pdb["spec"]!["selector"]!["matchLabels"]), PodTemplate.Labels(deployment)));
        Assert.Equal(1L, (long?)pdb["spec"]!["maxUnavailable"]);
        Assert.Equal(("apps/v1", "Deployment", Edge),
            ((string?)hpa["spec"]!["scaleTargetRef"]!["apiVersion"], (string?)hpa["spec"]!["scaleTargetRef"]!["kind"], (string?)hpa["spec"]!["scaleTargetRef"]!["name"]));
        Assert.True((long)hpa["spec"]!["minReplicas"]! >= 2, "one edge must be able to stop without an outage");
        Assert.True((long)hpa["spec"]!["maxReplicas"]! > (long)hpa["spec"]!["minReplicas"]!);
        // The autoscaler owns the count: a replicas field would reset it at every apply.
        Assert.Null(deployment["spec"]!["replicas"]);
        // CPU utilization is relative to the request: without one the autoscaler has nothing to compute.
        Assert.NotNull(PodTemplate.Container(deployment, "edge")["resources"]!["requests"]!["cpu"]);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_Service_LoadBalancerPassesPort443ToTheTlsPort(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        var service = rendered.Single("Service", Edge);
        var edge = PodTemplate.Container(rendered.Single("Deployment", Edge), "edge");

        Assert.Equal("LoadBalancer", (string?)service["spec"]!["type"]);
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray());
        Assert.Equal(443L, (long?)port!["port"]);
        Assert.Equal(new Uri(PodTemplate.Env(edge, "Kestrel__Endpoints__Https__Url")!).Port, PodTemplate.PortNumber(edge, port["targetPort"]));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Silo_HeadlessServiceAndDisruptionBudget_CoverEverySilo(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        var deployment = rendered.Single("Deployment", Silo);
        var service = rendered.Single("Service", Silo);
        var pdb = rendered.Single("PodDisruptionBudget", Silo);
        var labels = PodTemplate.Labels(deployment);

        Assert.Equal("None", (string?)service["spec"]!["clusterIP"]);
        Assert.True(LabelSelector.Matches(PodTemplate.Strings(service["spec"]!["selector"]), labels));
        Assert.Equal([11111L, 30000L], service["spec"]!["ports"]!.AsArray().Select(p => (long)p!["port"]!).Where(p => p != 8080).Order());
        Assert.True(LabelSelector.Matches(PodTemplate.Strings(pdb["spec"]!["selector"]!["matchLabels"]), labels));
        Assert.Equal(1L, (long?)pdb["spec"]!["maxUnavailable"]);
        Assert.True((long)deployment["spec"]!["replicas"]! >= 3, "membership needs a majority after one silo leaves");
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Namespace_AnkraMesh_EnforcesRestrictedPodSecurity(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        var labels = PodTemplate.Strings(rendered.Single("Namespace", "ankra-mesh")["metadata"]!["labels"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.All(rendered.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("ankra-mesh", (string?)o["metadata"]!["namespace"]));
    }
}
