using System.Diagnostics.Metrics;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Edge.KubeProxy;
using Ankra.Mesh.Edge.Tests.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;

namespace Ankra.Mesh.Edge.Tests.KubeProxy;

/// <summary>
/// <see cref="RevocationEnforcer"/>'s rules without a silo: an access event re-checks the cluster's live requests at
/// once; the periodic sweep asks the grain afresh once per (cluster, user, generation) and cuts the revoked; a request
/// whose access cannot be confirmed lives until its last confirmation is a TTL old (fail closed).
/// </summary>
public sealed class RevocationEnforcerTests : IAsyncLifetime
{
    private const string Cluster = "c1";
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly ScriptedAuthority _authority = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly AccessDecisionCache _cache;
    private readonly LiveRequestRegistry _live;
    private readonly RevocationEnforcer _enforcer;
    private readonly List<IDisposable> _registrations = [];

    public RevocationEnforcerTests()
    {
        _cache = _authority.Cache(_time, Ttl);
        _live = new LiveRequestRegistry(_time);
        _enforcer = new RevocationEnforcer(_cache, _live, TestEdgeMetrics.Create(_services.GetRequiredService<IMeterFactory>()),
            Options.Create(new EdgeOptions { DecisionCacheTtl = Ttl }), _time, NullLogger<RevocationEnforcer>.Instance);
    }

    public Task InitializeAsync() => _enforcer.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _enforcer.StopAsync(CancellationToken.None);
        _enforcer.Dispose();
        _registrations.ForEach(r => r.Dispose());
        _cache.Dispose();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task AccessEvent_UserRevoked_TheirLiveRequestIsCutAtOnce()
    {
        var alice = Live(Cluster, "alice");
        _authority.Answer = (_, user, _) => user == "alice" ? ScriptedAuthority.Deny : ScriptedAuthority.Allow;

        _cache.Invalidate(Cluster);

        await alice.Aborted.WaitAsync(Deadline);
    }

    [Fact]
    public async Task AccessEvent_GrainUnreachable_LiveRequestIsCutFailClosed()
    {
        var alice = Live(Cluster, "alice");
        _authority.Failure = new SiloUnavailableException("no silo");

        _cache.Invalidate(Cluster);

        await alice.Aborted.WaitAsync(Deadline);
    }

    [Fact]
    public async Task SweepAsync_OneUserRevoked_CutsOnlyThatUsersRequests()
    {
        var alice = new[] { Live(Cluster, "alice"), Live(Cluster, "alice") };
        var bob = Live(Cluster, "bob");
        _authority.Answer = (_, user, _) => user == "alice" ? ScriptedAuthority.Deny : ScriptedAuthority.Allow;

        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);

        Assert.All(alice, request => Assert.True(request.Aborted.IsCompleted));
        Assert.False(bob.Aborted.IsCompleted);
    }

    [Fact]
    public async Task SweepAsync_ManyRequests_OneGrainCallPerClusterUserAndGeneration()
    {
        for (var i = 0; i < 5; i++)
        {
            Live(Cluster, "alice");
        }

        Live(Cluster, "alice", generation: 1);
        Live(Cluster, "bob");
        Live("c2", "alice");

        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(4, _authority.Calls);
    }

    [Fact]
    public async Task SweepAsync_AllowedDecisionCachedButRevokedSinceWithoutAnEvent_AsksTheGrainAndCuts()
    {
        Assert.True((await _cache.GetAsync(Cluster, "alice", 0).AsTask().WaitAsync(Deadline)).Allowed);
        var alice = Live(Cluster, "alice");
        _authority.Answer = (_, _, _) => ScriptedAuthority.Deny;

        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);

        Assert.True(alice.Aborted.IsCompleted);
    }

    [Fact]
    public async Task SweepAsync_GrainUnreachable_CutsOnlyOnceTheLastConfirmationIsATtlOld()
    {
        var alice = Live(Cluster, "alice");
        _authority.Failure = new SiloUnavailableException("no silo");

        _time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);
        Assert.False(alice.Aborted.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);
        Assert.True(alice.Aborted.IsCompleted);
    }

    [Fact]
    public async Task SweepAsync_Confirmed_RestartsTheFailClosedClock()
    {
        var alice = Live(Cluster, "alice");
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));
        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);

        _authority.Failure = new SiloUnavailableException("no silo");
        _time.Advance(TimeSpan.FromSeconds(2));
        await _enforcer.SweepAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None).WaitAsync(Deadline);

        Assert.False(alice.Aborted.IsCompleted);
    }

    [Fact]
    public void RecheckInterval_HalfTheTtl_NeverBelowTheMinimum()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RevocationEnforcer.RecheckInterval(TimeSpan.FromSeconds(5)));
        Assert.Equal(RevocationEnforcer.MinRecheckInterval, RevocationEnforcer.RecheckInterval(TimeSpan.Zero));
    }

    private RecordedAbort Live(string clusterId, string userId, long generation = 0)
    {
        var request = new RecordedAbort();
        _registrations.Add(_live.Register(clusterId, userId, generation, request.Context));
        return request;
    }
}
