using Ankra.Mesh.Tunnel.Edge;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>Where the attempts of one open go: shared subject first normally, live sessions by name first while one is suspected.</summary>
public sealed class OpenPlanTests
{
    private readonly SuspectSessions _suspects = new(TimeProvider.System, TimeSpan.FromMinutes(1));

    [Fact]
    public void For_NoSessionsKnown_SharedSubjectTwice()
    {
        Assert.Equal([null, null], OpenPlan.For(new TunnelTarget("c1"), _suspects));
    }

    [Fact]
    public void For_HealthySessions_SharedFirstThenEachByName()
    {
        var plan = OpenPlan.For(new TunnelTarget("c1") { Sessions = ["s1", "s2"] }, _suspects);
        Assert.Null(plan[0]);
        Assert.Equal(["s1", "s2"], plan.Skip(1).Order());
    }

    [Fact]
    public void For_OneSessionSuspected_OnlyTheOthersByNameThenShared()
    {
        _suspects.Suspect("c1", "s2");
        Assert.Equal(["s1", null], OpenPlan.For(new TunnelTarget("c1") { Sessions = ["s1", "s2"] }, _suspects));
        Assert.Null(OpenPlan.For(new TunnelTarget("c2") { Sessions = ["s1", "s2"] }, _suspects)[0]);
    }

    [Fact]
    public void For_SuspicionExpiresOrIsCleared_SessionUsedAgain()
    {
        _suspects.Suspect("c1", "s2");
        _suspects.Clear("c1", "s2");
        Assert.Null(OpenPlan.For(new TunnelTarget("c1") { Sessions = ["s1", "s2"] }, _suspects)[0]);
        var expired = new SuspectSessions(TimeProvider.System, TimeSpan.Zero);
        expired.Suspect("c1", "s2");
        Assert.False(expired.IsSuspect("c1", "s2"));
    }

    [Fact]
    public void For_TargetedSession_OnlyThatSession()
    {
        Assert.Equal(["s9"], OpenPlan.For(new TunnelTarget("c1", "s9") { Sessions = ["s1"] }, _suspects));
    }

    [Fact]
    public void Sessions_UnsafeIdentifiers_Dropped()
    {
        Assert.Equal(["s1"], new TunnelTarget("c1") { Sessions = ["s1", "a.b", ">", ""] }.Sessions);
    }
}
