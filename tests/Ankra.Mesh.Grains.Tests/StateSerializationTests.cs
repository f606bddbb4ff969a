using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Persisted state round-trips through the Orleans serializer the AdoNet storage is configured with.</summary>
public sealed class StateSerializationTests
{
    [Fact]
    public void ClusterState_RoundTrip_KeepsGrantsSessionsAndGeneration()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var state = new ClusterState
        {
            Exists = true,
            Name = "prod",
            Kind = AccessVocabulary.KindImported,
            Generation = 4,
            GrantsVersion = 9,
        };
        state.Grants["g-1"] = new GrantInfo { Id = "g-1", AnkraUserId = "u-1", Role = "view", Scope = "namespace", Namespace = "apps", ReconcileStatus = "applied" };
        state.Sessions["agent-0"] = new AgentSessionInfo { SessionId = "s-1", ReplicaId = "agent-0", AgentVersion = "1.0" };

        var copy = serializer.Deserialize<ClusterState>(serializer.SerializeToArray(state))!;

        Assert.Equal("prod", copy.Name);
        Assert.Equal(4, copy.Generation);
        Assert.Equal(9, copy.GrantsVersion);
        Assert.Equal("apps", copy.Grants["g-1"].Namespace);
        Assert.Equal("applied", copy.Grants["g-1"].ReconcileStatus);
        Assert.Equal("s-1", copy.Sessions["agent-0"].SessionId);
    }
}
