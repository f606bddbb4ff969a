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
        await using var process = Run(AdoNet("bootstrap", "--org", "ops", "--admin-email", "ops@durable.test"));
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

    [Fact]
    public async Task Bootstrap_RunTwiceWithTokenFile_KeepsTheOneToken()
    {
        var (org, email) = NewAdmin();
        var tokenFile = Path.Combine(Path.GetTempPath(), $"mesh-bootstrap-{Guid.NewGuid():N}.token");
        try
        {
            await RunToCompletionAsync(AdoNet("bootstrap", "--org", org, "--admin-email", email, "--token-file", tokenFile), "written to");
            var first = (await File.ReadAllTextAsync(tokenFile)).Trim();
            await RunToCompletionAsync(AdoNet("bootstrap", "--org", org, "--admin-email", email, "--token-file", tokenFile), "still valid and was kept");

            Assert.Equal(first, (await File.ReadAllTextAsync(tokenFile)).Trim());
            Assert.Single(await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(first)));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task Bootstrap_PrintedTwice_SecondRevokesTheFirst()
    {
        var (org, email) = NewAdmin();
        var first = await RunToCompletionAsync(AdoNet("bootstrap", "--org", org, "--admin-email", email), "ank_");
        var second = await RunToCompletionAsync(AdoNet("bootstrap", "--org", org, "--admin-email", email), "ank_");

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Edges[0].Client(first).GetApiAsync("/api/v1/me")).Status);
        var only = Assert.Single(await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(second)));
        Assert.Equal(TokenListing.IdOf(second), only);
    }

    private static (string Org, string Email) NewAdmin()
    {
        var name = $"cmd-{Guid.NewGuid():N}"[..20];
        return (name, $"{name}@durable.test");
    }

    // The same connection settings as Bootstrap_AdoNet_PrintsTokenThatWorksOnEveryEdge.
    private string[] AdoNet(params string[] args) =>
        [.. args, "--Mesh:Orleans:Mode=AdoNet", $"--Mesh:Orleans:ConnectionString={fixture.ConnectionString}", "--Mesh:Orleans:ClusterId=durability",
            .. MeshNatsSettings.AsArguments(fixture.Nats, Path.Combine(Path.GetTempPath(), $"mesh-bootstrap-{Guid.NewGuid():N}")), "--Logging:LogLevel:Default=Warning"];

    /// <summary>Runs the command to a zero exit; returns the first output line containing <paramref name="expected"/>, trimmed.</summary>
    private static async Task<string> RunToCompletionAsync(string[] args, string expected)
    {
        await using var process = Run(args);
        var line = await process.WaitForLineAsync(l => l.Contains(expected, StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.Equal(0, await process.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        return line.Trim();
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
