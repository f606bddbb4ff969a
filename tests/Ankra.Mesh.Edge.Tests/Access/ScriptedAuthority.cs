using System.Collections.Concurrent;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.Access;

/// <summary>
/// Stands in for the cluster grain below <see cref="AccessDecisionCache"/> in the fast tests: answers by a rule the
/// test sets, counts every call, and can hold calls at a gate (a grain call in flight) or fail them (no silo).
/// The grain itself is exercised by the integration tests.
/// </summary>
internal sealed class ScriptedAuthority
{
    private readonly TaskCompletionSource _firstCall = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Grain calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every call's (cluster, user, generation), in order.</summary>
    public ConcurrentQueue<(string ClusterId, string UserId, long Generation)> Asked { get; } = new();

    /// <summary>Completes when the first call arrived.</summary>
    public Task FirstCall => _firstCall.Task;

    /// <summary>The answer for (cluster, user, generation); allows everyone unless changed.</summary>
    public Func<string, string, long, AccessDecision> Answer { get; set; } = (_, _, _) => Allow;

    /// <summary>When set, calls fail with it (the silos are unreachable).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, calls wait for it before answering (a call in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public static AccessDecision Allow { get; } = new() { Allowed = true, KubernetesUser = "someone@example.com" };

    public static AccessDecision Deny { get; } = new() { Allowed = false, Reason = AccessDenialReason.NoGrant };

    public AccessDecisionCache Cache(TimeProvider time, TimeSpan? ttl = null, int maxEntries = 100_000) =>
        new(AuthorizeAsync, Options.Create(new EdgeOptions { DecisionCacheTtl = ttl ?? TimeSpan.FromSeconds(5), DecisionCacheMaxEntries = maxEntries }), time);

    private async Task<AccessDecision> AuthorizeAsync(string clusterId, string userId, long generation)
    {
        Interlocked.Increment(ref _calls);
        Asked.Enqueue((clusterId, userId, generation));
        _firstCall.TrySetResult();
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        return Failure is { } failure ? throw failure : Answer(clusterId, userId, generation);
    }
}
