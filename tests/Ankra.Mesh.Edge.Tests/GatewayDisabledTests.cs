using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>With the access gateway disabled, access, token and kubeconfig endpoints answer 404.</summary>
public sealed class GatewayDisabledTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"mesh-disabled-{Guid.NewGuid():N}.token");
    private EdgeHost? _edge;

    public async Task InitializeAsync()
    {
        await _nats.InitializeAsync();
        var nats = MeshNatsSettings.For(_nats, Path.Combine(Path.GetTempPath(), $"mesh-disabled-{Guid.NewGuid():N}"));
        _edge = await EdgeHost.StartAsync(new Dictionary<string, string?>(nats.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
        {
            ["Mesh:Orleans:SiloPort"] = EdgeHost.Port(FreePort.Next()),
            ["Mesh:Orleans:GatewayPort"] = EdgeHost.Port(FreePort.Next()),
            ["Mesh:Edge:AccessGatewayEnabled"] = "false",
            ["Mesh:Bootstrap:Organisation"] = "acme",
            ["Mesh:Bootstrap:AdminEmail"] = "admin@acme.test",
            ["Mesh:Bootstrap:TokenFile"] = _tokenFile,
        });
    }

    [Fact]
    public async Task AccessTokenAndKubeconfigEndpoints_GatewayDisabled_Return404()
    {
        var admin = _edge!.Client((await File.ReadAllTextAsync(_tokenFile)).Trim());
        var created = await admin.PostApiAsync("/api/v1/clusters", new { name = "prod" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json!["cluster"]!["id"]!.GetValue<string>();

        foreach (var response in new[]
        {
            await admin.GetApiAsync($"/api/v1/clusters/{id}/access/grants"),
            await admin.PostApiAsync($"/api/v1/clusters/{id}/access/grants", new { user_email = "admin@acme.test", scope = "cluster", role = "view" }),
            await admin.PostApiAsync($"/api/v1/clusters/{id}/access/revoke-all"),
            await admin.GetApiAsync($"/api/v1/clusters/{id}/access/capabilities"),
            await admin.GetApiAsync($"/api/v1/clusters/{id}/access/members"),
            await admin.PostApiAsync($"/api/v1/clusters/{id}/k8s-token"),
            await admin.PostApiAsync($"/api/v1/clusters/{id}/kubeconfig"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
        }

        // The rest of the API keeps working.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetApiAsync($"/api/v1/clusters/{id}")).Status);
    }

    public async Task DisposeAsync()
    {
        if (_edge is not null)
        {
            await _edge.DisposeAsync();
        }

        await _nats.DisposeAsync();
        File.Delete(_tokenFile);
    }
}
