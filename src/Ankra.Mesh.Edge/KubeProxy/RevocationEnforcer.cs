using System.Collections.Concurrent;
using System.Threading.Channels;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Cuts live requests whose access was revoked, two ways:
/// <list type="number">
/// <item>Fast path: the decision cache raises <see cref="AccessDecisionCache.ClusterAccessChanged"/> when an
/// access-changed event arrives; that cluster's live requests are re-authorized at once.</item>
/// <item>Bound: every <see cref="RecheckInterval"/> (half the decision-cache TTL) every live request is re-authorized
/// with a fresh grain answer, so a revoked user's watch, logs -f, exec or port-forward ends within the TTL even when
/// every event is lost. A request whose access cannot be confirmed (the silos are unreachable) is cut once its last
/// confirmation is a TTL old: fail closed, like a new request whose cached decision expired.</item>
/// </list>
/// The client sees its stream end, and its next command is refused.
/// </summary>
internal sealed class RevocationEnforcer(
    AccessDecisionCache decisions,
    LiveRequestRegistry live,
    EdgeMetrics metrics,
    IOptions<EdgeOptions> options,
    TimeProvider time,
    ILogger<RevocationEnforcer> logger) : BackgroundService
{
    /// <summary>Shortest re-check period, for a TTL of zero (caching off) or below a second.</summary>
    internal static readonly TimeSpan MinRecheckInterval = TimeSpan.FromMilliseconds(500);

    // Grain calls of one sweep in flight at once: a sweep asks once per (cluster, user, generation), not per request.
    private const int SweepParallelism = 8;

    // Clusters whose access changed and whose live requests are not re-checked yet. A set, not a queue: a burst of
    // events for one cluster is one entry, and no cluster is ever dropped (at most one entry per cluster).
    private readonly ConcurrentDictionary<string, byte> _changed = new(StringComparer.Ordinal);

    // A doorbell: one pending ring is enough because the set holds the work (DropWrite loses nothing).
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly TimeSpan _ttl = options.Value.DecisionCacheTtl;

    /// <summary>Half the TTL: a revocation any sweep missed is caught by the next one, still within the TTL.</summary>
    internal static TimeSpan RecheckInterval(TimeSpan decisionCacheTtl) =>
        decisionCacheTtl / 2 > MinRecheckInterval ? decisionCacheTtl / 2 : MinRecheckInterval;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before start-up completes: ExecuteAsync runs on a thread-pool thread (.NET 10), and an event raised before it
        // subscribed would be lost. The doorbell keeps what arrives before the loop reads it.
        decisions.ClusterAccessChanged += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(EnforceChangesAsync(stoppingToken), SweepPeriodicallyAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            decisions.ClusterAccessChanged -= OnChanged;
        }
    }

    private void OnChanged(string clusterId)
    {
        _changed[clusterId] = 0;
        _doorbell.Writer.TryWrite(true);
    }

    private async Task EnforceChangesAsync(CancellationToken stoppingToken)
    {
        while (await _doorbell.Reader.WaitToReadAsync(stoppingToken))
        {
            _doorbell.Reader.TryRead(out _);
            foreach (var clusterId in _changed.Keys)
            {
                _changed.TryRemove(clusterId, out _);
                await EnforceAsync(clusterId, stoppingToken);
            }
        }
    }

    // After an event: the cluster's cache was just emptied, so every answer here is the grain's own.
    private async Task EnforceAsync(string clusterId, CancellationToken cancellationToken)
    {
        foreach (var request in live.Snapshot(clusterId))
        {
            try
            {
                var decision = await decisions.GetAsync(clusterId, request.UserId, request.Generation, cancellationToken);
                if (!decision.Allowed)
                {
                    Cut(request, Trigger.AccessEvent);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fail closed: if access cannot be confirmed after a change, the stream ends.
                KubeProxyLog.RevocationCheckFailed(logger, clusterId, exception);
                Cut(request, Trigger.Unconfirmed);
            }
        }
    }

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        var interval = RecheckInterval(_ttl);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepAsync(interval, stoppingToken);
        }
    }

    /// <summary>One periodic re-check of every live request: one fresh grain answer per cluster, user and generation.</summary>
    internal async Task SweepAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var groups = live.SnapshotAll().GroupBy(r => (r.ClusterId, r.UserId, r.Generation)).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = SweepParallelism, CancellationToken = cancellationToken },
            async (group, token) =>
            {
                AccessDecision? decision = null;
                try
                {
                    // A silo that hangs must not stall the sweep past its period: no answer in time counts as unconfirmed.
                    decision = await decisions.GetFreshAsync(group.Key.ClusterId, group.Key.UserId, group.Key.Generation, token).AsTask().WaitAsync(interval, token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    KubeProxyLog.RecheckFailed(logger, group.Key.ClusterId, group.Count(), exception);
                }

                Settle(group, decision);
            });
    }

    private void Settle(IEnumerable<LiveRequest> requests, AccessDecision? decision)
    {
        var now = time.GetUtcNow();
        foreach (var request in requests)
        {
            if (decision is { Allowed: true })
            {
                request.Confirmed(now);
            }
            else if (decision is not null)
            {
                Cut(request, Trigger.PeriodicRecheck);
            }
            else if (now - request.ConfirmedAt >= _ttl)
            {
                Cut(request, Trigger.Unconfirmed);
            }
        }
    }

    private void Cut(LiveRequest request, Trigger trigger)
    {
        if (!request.TryMarkCut())
        {
            return;
        }

        var why = trigger switch
        {
            Trigger.AccessEvent => EdgeMetrics.CutByAccessEvent,
            Trigger.PeriodicRecheck => EdgeMetrics.CutByPeriodicRecheck,
            _ => EdgeMetrics.CutUnconfirmed,
        };
        KubeProxyLog.RequestCutByRevocation(logger, request.ClusterId, request.UserId, why);
        metrics.LiveRequestCut(why);
        request.Context.Abort();
    }

    private enum Trigger
    {
        AccessEvent,
        PeriodicRecheck,
        Unconfirmed,
    }
}
