using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>
/// The embedded default as an operator runs it: one edge co-hosting a silo (memory storage), a real
/// nats-server, and the start-up bootstrap writing the admin API token to a file.
/// </summary>
public sealed class EmbeddedEdgeFixture : IAsyncLifetime
{
    /// <summary>Mints one user may make per minute in this fixture.</summary>
    public const int MintsPerMinute = 5;

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-edge-").FullName;

    public NatsServerFixture Nats { get; } = new();

    internal EdgeHost Edge { get; private set; } = null!;

    internal TestUser Admin { get; private set; } = null!;

    public string OrganisationId { get; private set; } = string.Empty;

    public string TokenFile => Path.Combine(_directory, "admin.token");

    public async Task InitializeAsync()
    {
        await Nats.InitializeAsync();
        var settings = MeshNatsSettings.For(Nats, _directory).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        Edge = await EdgeHost.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["Mesh:Orleans:SiloPort"] = EdgeHost.Port(FreePort.Next()),
            ["Mesh:Orleans:GatewayPort"] = EdgeHost.Port(FreePort.Next()),
            ["Mesh:ControlPlane:OfflineAfter"] = "00:00:02",
            ["Mesh:ControlPlane:CheckInInterval"] = "00:00:01",
            ["Mesh:ControlPlane:MintsPerMinute"] = MintsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mesh:Edge:PublicBaseUrl"] = "https://mesh.example.test",
            ["Mesh:Edge:MaxRequestBodyBytes"] = "4096",
            ["Mesh:Bootstrap:Organisation"] = "acme",
            ["Mesh:Bootstrap:AdminEmail"] = "admin@acme.test",
            ["Mesh:Bootstrap:TokenFile"] = TokenFile,
        });
        var token = (await File.ReadAllTextAsync(TokenFile)).Trim();
        var client = Edge.Client(token);
        var me = await client.GetApiAsync("/api/v1/me");
        OrganisationId = me.Str("default_organisation_id");
        Admin = new TestUser(me.Str("id"), "admin@acme.test", token, client);
    }

    /// <summary>Adds a new member (unique email) through the REST API and gives them an API token.</summary>
    internal async Task<TestUser> NewMemberAsync(string role = "member", string? prefix = null)
    {
        var email = $"{prefix ?? "user"}-{Guid.NewGuid():N}@acme.test";
        var added = await Admin.Client.PostApiAsync("/api/v1/organisation/members", new { email, role });
        if (added.Status != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"adding {email} failed: {added.Status} {added.Text}");
        }

        var userId = added.Json!["member"]!["user_id"]!.GetValue<string>();

        // No browser login in tests: issue the member's first token the way `ankra login` would.
        var (_, token) = await Edge.Services.GetRequiredService<ApiTokenService>().CreateAsync(userId, "test", 1);
        return new TestUser(userId, email, token, Edge.Client(token));
    }

    /// <summary>Creates a cluster as the admin; returns its id and agent token.</summary>
    internal async Task<(string Id, string AgentToken)> NewClusterAsync(string kind = "imported")
    {
        var created = await Admin.Client.PostApiAsync("/api/v1/clusters", new { name = $"c-{Guid.NewGuid():N}"[..20], kind });
        if (created.Status != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating a cluster failed: {created.Status} {created.Text}");
        }

        return (created.Json!["cluster"]!["id"]!.GetValue<string>(), created.Str("agent_token"));
    }

    public async Task DisposeAsync()
    {
        if (Edge is not null)
        {
            await Edge.DisposeAsync();
        }

        await Nats.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
