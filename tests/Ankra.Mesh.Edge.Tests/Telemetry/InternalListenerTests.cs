using System.Net;
using System.Net.Http.Headers;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests.Telemetry;

/// <summary>
/// Metrics and health live on the internal listener (<c>Mesh:Telemetry:InternalUrl</c>) only: the public listener answers
/// them 404 — also when the client names the internal port in its Host header — and the internal one serves nothing else.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class InternalListenerTests(EmbeddedEdgeFixture fixture)
{
    public static TheoryData<string> TelemetryPaths => ["/metrics", "/healthz", "/livez", "/readyz"];

    [Theory]
    [MemberData(nameof(TelemetryPaths))]
    public async Task Get_TelemetryPathOnPublicListener_Returns404(string path)
    {
        using var client = fixture.Edge.Client();
        var response = await client.GetApiAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.DoesNotContain("ankra_mesh", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TelemetryPaths))]
    public async Task Get_TelemetryPathOnInternalListener_Returns200(string path)
    {
        using var client = fixture.Edge.InternalClient();
        var response = await client.GetApiAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Get_MetricsOnPublicListenerWithInternalPortInHostHeader_Returns404()
    {
        // The listener is told by the connection's local port, which a client cannot choose; the Host header it can.
        using var client = fixture.Edge.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = new Uri(fixture.Edge.InternalUrl).Authority;
        using var response = await client.SendAsync(request).WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/portal")]
    [InlineData("/api/v1/clusters/c1/k8s/api")]
    public async Task Get_PublicPathOnInternalListener_Returns404(string path)
    {
        using var client = fixture.Edge.InternalClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Admin.Token);
        var response = await client.GetApiAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Get_MetricsOnInternalListener_ExportsOurMetersAndOrleans()
    {
        // The embedded edge hosts a silo, so Orleans' own meter (Microsoft.Orleans) is exported beside ours.
        using var client = fixture.Edge.InternalClient();
        var metrics = await client.GetApiAsync("/metrics");
        Assert.Contains("ankra_mesh_", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("\norleans_", metrics.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubeRequest_ClusterWithoutAgent_CountedUnderItsClusterLabelAsOffline()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var (token, _) = fixture.Edge.Services.GetRequiredService<KubeTokenIssuer>().Issue(fixture.Admin.UserId, clusterId, 0);
        using var requests = fixture.Edge.Collect("ankra.mesh.kube_proxy.requests");
        using var offline = fixture.Edge.Collect("ankra.mesh.kube_proxy.offline_answers");
        using var kube = fixture.Edge.Client();
        kube.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await kube.GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);

        // The request is counted when its response has gone out, so the client may see the answer a moment before.
        await requests.WaitForMeasurementsAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(requests.GetMeasurementSnapshot(), request => Equals(request.Tags["cluster"], clusterId) && Equals(request.Tags["code"], "503"));
        Assert.Contains(offline.GetMeasurementSnapshot(), answer => Equals(answer.Tags["cluster"], clusterId));
    }
}
