using Ankra.Mesh.Edge.KubeProxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.KubeProxy;

/// <summary>Step 4's layering: per user and per cluster, quick and long-lived requests in pools of their own.</summary>
public sealed class KubeProxyLimitsTests : IDisposable
{
    private readonly KubeProxyLimits _limits = new(Options.Create(new KubeProxyOptions
    {
        MaxQuickRequestsPerUser = 2,
        MaxLongLivedRequestsPerUser = 3,
        MaxQuickRequestsPerCluster = 4,
        MaxLongLivedRequestsPerCluster = 5,
    }));

    private readonly List<KubeProxyAdmission> _held = [];

    [Fact]
    public void TryAcquire_UserHoldsAllTheirWatches_TheirQuickRequestIsAdmitted()
    {
        Hold("c1", "alice", longLived: true, 3);

        var watch = _limits.TryAcquire("c1", "alice", longLived: true);
        var get = Keep(_limits.TryAcquire("c1", "alice", longLived: false));

        Assert.Contains("Mesh:KubeProxy:MaxLongLivedRequestsPerUser", watch.Refusal, StringComparison.Ordinal);
        Assert.Null(get.Refusal);
    }

    [Fact]
    public void TryAcquire_ClusterLongLivedPoolFull_AnotherUsersQuickRequestIsAdmitted()
    {
        Hold("c1", "alice", longLived: true, 3);
        Hold("c1", "bob", longLived: true, 2);

        var watch = _limits.TryAcquire("c1", "carol", longLived: true);
        var get = Keep(_limits.TryAcquire("c1", "carol", longLived: false));

        Assert.Contains("Mesh:KubeProxy:MaxLongLivedRequestsPerCluster", watch.Refusal, StringComparison.Ordinal);
        Assert.Null(get.Refusal);
    }

    [Fact]
    public void TryAcquire_QuickCaps_RefusedNamingTheUserThenTheClusterSetting()
    {
        Hold("c1", "alice", longLived: false, 2);
        Assert.Contains("Mesh:KubeProxy:MaxQuickRequestsPerUser", _limits.TryAcquire("c1", "alice", longLived: false).Refusal, StringComparison.Ordinal);

        Hold("c1", "bob", longLived: false, 2);
        Assert.Contains("Mesh:KubeProxy:MaxQuickRequestsPerCluster", _limits.TryAcquire("c1", "carol", longLived: false).Refusal, StringComparison.Ordinal);

        // Another cluster's pools are its own.
        Assert.Null(Keep(_limits.TryAcquire("c2", "carol", longLived: false)).Refusal);
    }

    [Fact]
    public void TryAcquire_RefusedByTheCluster_GivesTheUsersPlaceBack()
    {
        Hold("c1", "bob", longLived: true, 3);
        Hold("c1", "carol", longLived: true, 2);

        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(_limits.TryAcquire("c1", "alice", longLived: true).Refusal);
        }

        // alice never held a place, so her whole per-user pool is still there on another cluster.
        Hold("c2", "alice", longLived: true, 3);
    }

    [Fact]
    public void Dispose_TwiceAtTheCap_ReturnsOnePlaceOnly()
    {
        Hold("c1", "alice", longLived: true, 3);
        var first = _held[0];

        first.Dispose();
        first.Dispose();

        Assert.Null(Keep(_limits.TryAcquire("c1", "alice", longLived: true)).Refusal);
        Assert.NotNull(_limits.TryAcquire("c1", "alice", longLived: true).Refusal);
    }

    [Theory]
    [InlineData("?watch=true", null, true)]
    [InlineData("?resourceVersion=5&watch=1", null, true)]
    [InlineData("?follow=true&container=web", null, true)]
    [InlineData("?command=sh&stdin=true", "websocket", true)]
    [InlineData("?command=sh", "SPDY/3.1", true)]
    [InlineData("?limit=500", null, false)]
    [InlineData("", null, false)]
    public void IsLongLived_ByQueryOrUpgrade_MatchesTheAgentsRule(string query, string? upgrade, bool longLived)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        if (upgrade is not null)
        {
            context.Request.Headers.Upgrade = upgrade;
        }

        Assert.Equal(longLived, KubeProxyLimits.IsLongLived(context));
    }

    public void Dispose()
    {
        foreach (var admission in _held)
        {
            admission.Dispose();
        }

        _limits.Dispose();
    }

    private void Hold(string clusterId, string userId, bool longLived, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var admission = Keep(_limits.TryAcquire(clusterId, userId, longLived));
            Assert.True(admission.Refusal is null, $"request {i + 1} of {userId} was refused: {admission.Refusal}");
        }
    }

    private KubeProxyAdmission Keep(KubeProxyAdmission admission)
    {
        _held.Add(admission);
        return admission;
    }
}
