namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>Clusters, grant requests and agent sessions for grain tests; every await has a timeout.</summary>
internal static class TestData
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string AgentSecret = "agent-secret";

    public static string AgentHash => SecretHash.Of(AgentSecret);

    public static async Task<IClusterGrain> NewClusterAsync(IGrainFactory grains, string? organisationId = null)
    {
        var grain = grains.GetGrain<IClusterGrain>(MeshIdentifiers.NewId());
        var created = await grain.CreateAsync(new CreateClusterCommand
        {
            Name = "prod",
            Kind = AccessVocabulary.KindImported,
            OrganisationId = organisationId ?? MeshIdentifiers.NewId(),
            CreatorUserId = "creator",
            CreatorEmail = "creator@test",
            AgentTokenHash = AgentHash,
        }).WaitAsync(Timeout);
        Assert.True(created.Succeeded, created.Message);
        return grain;
    }

    public static GrantRequest Grant(string userId, string? ns = null, string role = "view") => new()
    {
        UserId = userId,
        UserEmail = $"{userId}@test",
        Scope = ns is null ? AccessVocabulary.ScopeCluster : AccessVocabulary.ScopeNamespace,
        Namespace = ns,
        Role = role,
    };

    public static async Task<string> RegisterAsync(IClusterGrain cluster, string replicaId)
    {
        var registered = await cluster.RegisterAgentAsync(AgentHash, replicaId, "1.0", "v1.30.0", string.Empty).WaitAsync(Timeout);
        Assert.True(registered.Succeeded, registered.Message);
        return registered.Value!.SessionId;
    }

    public static Task<Outcome<DesiredGrants>> CheckInAsync(IClusterGrain cluster, string sessionId, string replicaId) =>
        cluster.CheckInAsync(AgentHash, sessionId, replicaId, 0).WaitAsync(Timeout);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for: {what}");
            await Task.Delay(200);
        }
    }
}
