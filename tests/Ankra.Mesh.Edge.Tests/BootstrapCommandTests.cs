using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests;

/// <summary><c>Ankra.Mesh.Edge bootstrap</c> as an operator runs it against the silos' PostgreSQL state.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class BootstrapCommandTests(SiloClusterFixture fixture)
{
    [Fact]
    public async Task Bootstrap_AdoNet_PrintsTokenThatWorksOnEveryEdge()
    {
        await using var process = Run(["bootstrap", "--org", "ops", "--admin-email", "ops@durable.test",
            "--Mesh:Orleans:Mode=AdoNet", $"--Mesh:Orleans:ConnectionString={fixture.ConnectionString}", "--Mesh:Orleans:ClusterId=durability",
            .. MeshNatsSettings.AsArguments(fixture.Nats, Path.Combine(Path.GetTempPath(), $"mesh-bootstrap-{Guid.NewGuid():N}")), "--Logging:LogLevel:Default=Warning"]);
        var token = await process.WaitForLineAsync(line => line.StartsWith("ank_", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.Equal(0, await process.Exited.WaitAsync(TimeSpan.FromSeconds(30)));

        foreach (var edge in fixture.Edges)
        {
            var me = await edge.Client(token.Trim()).GetApiAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Equal("ops@durable.test", me.Str("email"));
            Assert.Equal("admin", me.Json!["organisations"]![0]!["role"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Bootstrap_EmbeddedMode_ExitsWithUsageErrorExplainingTheConfigPath()
    {
        await using var process = Run("bootstrap", "--org", "ops", "--admin-email", "ops@durable.test");
        await process.WaitForLineAsync(line => line.Contains("Mesh:Bootstrap:Organisation", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal(2, await process.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static ChildProcess Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { MeshBinaries.PathOf("Ankra.Mesh.Edge") } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return ChildProcess.Start("edge-bootstrap", start);
    }
}
