using Ankra.Mesh.Deploy.Tests.Policies;
using Ankra.Mesh.Deploy.Tests.Rendering;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>
/// Who may talk to whom in namespace ankra-mesh, by evaluating the rendered NetworkPolicies: edges take 8443 from
/// anywhere and reach silo gateways, PostgreSQL (their gateway list), NATS and DNS; silos talk to each other, take
/// the gateway port from edges only, and reach PostgreSQL and NATS; everything else is refused.
/// </summary>
[Collection(ManifestsCollection.Name)]
public sealed class NetworkPolicyTests(ManifestsFixture manifests)
{
    private static readonly Peer Internet = Peer.External("a kubectl user on the internet", "203.0.113.7");
    private static readonly Peer PublicIdp = Peer.External("a SaaS identity provider", "198.51.100.10");
    private static readonly Peer PrivateHost = Peer.External("a host on a private network", "10.1.2.3");
    private static readonly Peer ManagedPostgres = Peer.External("a managed PostgreSQL", "10.20.0.5");
    private static readonly Peer InClusterPostgres = Peer.Pod("a PostgreSQL pod", "postgres", "app", "postgres");
    private static readonly Peer Nats = Peer.Pod("a NATS server", "nats", "app.kubernetes.io/name", "nats");
    private static readonly Peer Dns = Peer.Pod("CoreDNS", "kube-system", "k8s-app", "kube-dns");
    private static readonly Peer Prometheus = Peer.Pod("Prometheus", "monitoring", "app", "prometheus");
    private static readonly Peer OtherPod = Peer.Pod("a pod of another team", "default", "app", "other");
    private static readonly Peer StrayPod = Peer.Pod("a debug pod in ankra-mesh", "ankra-mesh", "run", "debug");

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_Ingress_HttpsFromAnywhereInternalHttpFromMonitoringOnly(string kubectl)
    {
        var (policies, edge, _) = Model(kubectl);

        Assert.True(policies.Allows(Internet, edge, 8443));
        Assert.True(policies.Allows(OtherPod, edge, 8443));
        Assert.True(policies.Allows(Prometheus, edge, 8080));
        // The internal port serves the whole API in plain HTTP: never from outside.
        Assert.False(policies.Allows(Internet, edge, 8080));
        Assert.False(policies.Allows(OtherPod, edge, 8080));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Edge_Egress_SiloGatewayPostgresNatsDnsAndPublicIdpOnly(string kubectl)
    {
        var (policies, edge, silo) = Model(kubectl);

        Assert.True(policies.Allows(edge, silo, 30000));
        Assert.True(policies.Allows(edge, ManagedPostgres, 5432));
        Assert.True(policies.Allows(edge, InClusterPostgres, 5432));
        Assert.True(policies.Allows(edge, Nats, 4222));
        Assert.True(policies.Allows(edge, Dns, 53, "UDP"));
        Assert.True(policies.Allows(edge, Dns, 53, "TCP"));
        Assert.True(policies.Allows(edge, PublicIdp, 443));

        Assert.False(policies.Allows(edge, silo, 11111));
        Assert.False(policies.Allows(edge, silo, 8080));
        Assert.False(policies.Allows(edge, Nats, 6222));
        Assert.False(policies.Allows(edge, Nats, 8222));
        Assert.False(policies.Allows(edge, PrivateHost, 443));
        Assert.False(policies.Allows(edge, OtherPod, 443));
        Assert.False(policies.Allows(edge, Internet, 80));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void Silo_TrafficIsSiloToSiloGatewayFromEdgesPostgresNatsDnsOnly(string kubectl)
    {
        var (policies, edge, silo) = Model(kubectl);

        Assert.True(policies.Allows(silo, silo, 11111));
        Assert.True(policies.Allows(edge, silo, 30000));
        Assert.True(policies.Allows(Prometheus, silo, 8080));
        Assert.True(policies.Allows(silo, ManagedPostgres, 5432));
        Assert.True(policies.Allows(silo, Nats, 4222));
        Assert.True(policies.Allows(silo, Dns, 53, "UDP"));

        Assert.False(policies.Allows(OtherPod, silo, 30000));
        Assert.False(policies.Allows(StrayPod, silo, 30000));
        Assert.False(policies.Allows(Internet, silo, 30000));
        Assert.False(policies.Allows(edge, silo, 11111));
        Assert.False(policies.Allows(silo, edge, 8443));
        Assert.False(policies.Allows(silo, PublicIdp, 443));
        Assert.False(policies.Allows(silo, Internet, 443));
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public void DefaultDeny_PodWithoutItsOwnPolicy_ReachesOnlyDns(string kubectl)
    {
        var (policies, edge, silo) = Model(kubectl);

        Assert.False(policies.Allows(Internet, StrayPod, 8080));
        Assert.False(policies.Allows(StrayPod, silo, 11111));
        Assert.False(policies.Allows(StrayPod, edge, 8080));
        Assert.False(policies.Allows(StrayPod, ManagedPostgres, 5432));
        Assert.True(policies.Allows(StrayPod, Dns, 53, "UDP"));
    }

    private (NetworkPolicyModel Policies, Peer Edge, Peer Silo) Model(string kubectl)
    {
        var rendered = manifests.ControlPlane[kubectl];
        var policies = new NetworkPolicyModel(rendered.OfKind("NetworkPolicy"), "ankra-mesh");
        var edge = Peer.Pod("an edge", "ankra-mesh", PodTemplate.Labels(rendered.Single("Deployment", "ankra-mesh-edge")));
        var silo = Peer.Pod("a silo", "ankra-mesh", PodTemplate.Labels(rendered.Single("Deployment", "ankra-mesh-silo")));
        return (policies, edge, silo);
    }
}
