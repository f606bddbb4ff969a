using System.Net;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// The start-up bootstrap against durable state (PostgreSQL silos): restarting an edge with the same
/// <c>Mesh:Bootstrap</c> settings leaves the admin exactly one bootstrap token, listed through the REST API.
/// Each test bootstraps an organisation and admin of its own.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class BootstrapIdempotenceTests(SiloClusterFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-bootstrap-").FullName;

    private string TokenFile => Path.Combine(_directory, "admin.token");

    [Fact]
    public async Task StartupBootstrap_EdgeStartedTwice_KeepsTheOneToken()
    {
        var settings = Settings();
        var first = await StartAndReadTokenAsync(settings);
        var second = await StartAndReadTokenAsync(settings);

        Assert.Equal(first, second);
        var bootstrap = await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(second));
        Assert.Equal(TokenListing.IdOf(second), Assert.Single(bootstrap));
    }

    [Fact]
    public async Task StartupBootstrap_TokenFileLost_RotatesAndRevokesTheOldToken()
    {
        var settings = Settings();
        var first = await StartAndReadTokenAsync(settings);
        File.Delete(TokenFile);
        var second = await StartAndReadTokenAsync(settings);

        Assert.NotEqual(first, second);
        var me = await fixture.Edges[0].Client(first).GetApiAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
        var bootstrap = await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(second));
        Assert.Equal(TokenListing.IdOf(second), Assert.Single(bootstrap));
    }

    [Fact]
    public async Task StartupBootstrap_EarlierStartsPiledTokensUp_RestartLeavesOnlyTheFileOne()
    {
        var settings = Settings();
        var kept = await StartAndReadTokenAsync(settings);

        // What every start did before bootstrap was idempotent: another 365-day "bootstrap" token.
        var adminId = (await fixture.Edges[0].Client(kept).GetApiAsync("/api/v1/me")).Str("id");
        var tokens = fixture.Edges[0].Services.GetRequiredService<ApiTokenService>();
        var (_, piled) = await tokens.CreateAsync(adminId, "bootstrap", 365);
        await tokens.CreateAsync(adminId, "bootstrap", 365);
        Assert.Equal(3, (await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(kept))).Count);

        Assert.Equal(kept, await StartAndReadTokenAsync(settings));
        Assert.Equal(TokenListing.IdOf(kept), Assert.Single(await TokenListing.BootstrapTokenIdsAsync(fixture.Edges[0].Client(kept))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Edges[0].Client(piled).GetApiAsync("/api/v1/me")).Status);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings()
    {
        var name = $"idem-{Guid.NewGuid():N}"[..20];
        return new Dictionary<string, string?>
        {
            ["Mesh:Bootstrap:Organisation"] = name,
            ["Mesh:Bootstrap:AdminEmail"] = $"{name}@durable.test",
            ["Mesh:Bootstrap:TokenFile"] = TokenFile,
        };
    }

    /// <summary>Starts an edge with the bootstrap settings, stops it, and returns the token it left in the file.</summary>
    private async Task<string> StartAndReadTokenAsync(Dictionary<string, string?> settings)
    {
        await using (await fixture.StartEdgeAsync(settings))
        {
        }

        return (await File.ReadAllTextAsync(TokenFile)).Trim();
    }
}
