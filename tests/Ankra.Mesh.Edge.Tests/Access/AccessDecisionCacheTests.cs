using Ankra.Mesh.Grains;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests.Access;

/// <summary>The decision cache's rules: bounded size, one grain call per key at a time, TTL, and invalidation by event.</summary>
public sealed class AccessDecisionCacheTests(ITestOutputHelper output)
{
    private const string Cluster = "c1";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedAuthority _authority = new();

    [Fact]
    public async Task GetAsync_ConcurrentMissesForOneKey_OneGrainCall()
    {
        using var cache = _authority.Cache(_time);
        _authority.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(Cluster, "alice", 0).AsTask()).ToList();
        await _authority.FirstCall.WaitAsync(Deadline);
        _authority.Gate.SetResult();
        var decisions = await Task.WhenAll(waiting).WaitAsync(Deadline);

        output.WriteLine($"50 concurrent misses for one key made {_authority.Calls} grain call(s)");
        Assert.All(decisions, decision => Assert.True(decision.Allowed));
        Assert.Equal(1, _authority.Calls);
    }

    [Fact]
    public async Task GetAsync_ConcurrentMissesForDifferentUsers_OneGrainCallEach()
    {
        using var cache = _authority.Cache(_time);
        _authority.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = new[] { "alice", "bob", "alice", "bob" }.Select(user => cache.GetAsync(Cluster, user, 0).AsTask()).ToList();
        _authority.Gate.SetResult();
        await Task.WhenAll(waiting).WaitAsync(Deadline);

        Assert.Equal(2, _authority.Calls);
    }

    [Fact]
    public async Task GetAsync_WithinTtl_AnsweredFromCacheThenAskedAgainAfterIt()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.FromSeconds(5));
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);
        _time.Advance(TimeSpan.FromSeconds(4));
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);
        Assert.Equal(1, _authority.Calls);

        _time.Advance(TimeSpan.FromSeconds(1));
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);

        Assert.Equal(2, _authority.Calls);
    }

    [Fact]
    public async Task GetAsync_MoreKeysThanTheLimit_HoldsAtMostTheLimitAndStillAnswers()
    {
        using var cache = _authority.Cache(_time, maxEntries: 8);

        for (var i = 0; i < 100; i++)
        {
            var decision = await cache.GetAsync(Cluster, $"user-{i}", 0).AsTask().WaitAsync(Deadline);
            Assert.True(decision.Allowed);
            Assert.InRange(cache.Count, 0, 8);
        }

        output.WriteLine($"100 users asked with a limit of 8 entries: {cache.Count} held, {_authority.Calls} grain calls");
        Assert.Equal(100, _authority.Calls);
    }

    [Fact]
    public async Task Invalidate_CachedAllowed_EmptiesTheClusterAtOnceAndAsksAgain()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.FromMinutes(1));
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);
        await cache.GetAsync("other", "alice", 0).AsTask().WaitAsync(Deadline);
        Assert.Equal(2, cache.Count);
        _authority.Answer = (cluster, _, _) => cluster == Cluster ? ScriptedAuthority.Deny : ScriptedAuthority.Allow;
        string? raised = null;
        cache.ClusterAccessChanged += id => raised = id;

        cache.Invalidate(Cluster);

        Assert.Equal(Cluster, raised);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.Epoch(Cluster));
        Assert.False((await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.True((await cache.GetAsync("other", "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.Equal(3, _authority.Calls);
    }

    [Fact]
    public async Task Invalidate_WhileAGrainCallIsUnderWay_ItsAnswerIsNotReused()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.FromMinutes(1));
        _authority.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = cache.GetAsync(Cluster, "alice", 0).AsTask();
        await _authority.FirstCall.WaitAsync(Deadline);

        // The revocation lands while the grain is still answering "allowed" to the call that started before it.
        cache.Invalidate(Cluster);
        _authority.Gate.SetResult();
        Assert.True((await before.WaitAsync(Deadline)).Allowed);
        _authority.Gate = null;
        _authority.Answer = (_, _, _) => ScriptedAuthority.Deny;

        Assert.False((await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.Equal(2, _authority.Calls);
    }

    [Fact]
    public async Task GetAsync_GrainCallFails_FailureIsNotCached()
    {
        using var cache = _authority.Cache(_time);
        _authority.Failure = new SiloUnavailableException("no silo");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline));

        _authority.Failure = null;

        Assert.True((await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.Equal(2, _authority.Calls);
    }

    [Fact]
    public async Task GetFreshAsync_DecisionCached_AsksTheGrainAndKeepsItsAnswer()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.FromMinutes(1));
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);
        _authority.Answer = (_, _, _) => ScriptedAuthority.Deny;

        Assert.False((await cache.GetFreshAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.False((await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        Assert.Equal(2, _authority.Calls);
    }

    [Fact]
    public async Task InvalidateAll_AfterAReconnect_DropsEveryClusterAndRaisesForEach()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.FromMinutes(1));
        await cache.GetAsync("c1", "alice", 0).AsTask().WaitAsync(Deadline);
        await cache.GetAsync("c2", "alice", 0).AsTask().WaitAsync(Deadline);
        var raised = new List<string>();
        cache.ClusterAccessChanged += raised.Add;

        cache.InvalidateAll();

        Assert.Equal(new[] { "c1", "c2" }, raised.Order());
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task GetAsync_TtlZero_NothingIsKept()
    {
        using var cache = _authority.Cache(_time, ttl: TimeSpan.Zero);
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);
        await cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline);

        Assert.Equal(0, cache.Count);
        Assert.Equal(2, _authority.Calls);
    }
}
