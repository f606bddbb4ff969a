using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Registration;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Grants;

/// <summary>
/// One replica of the agent reconciles grants into RBAC at a time, as controllers do: leader election on a
/// coordination.k8s.io/v1 Lease (<c>{Mesh:Agent:LeaseNamespace}/ankra-agent-reconciler</c>). Two writers
/// raced before (409 conflicts, statuses flapping between applied and failed). Every replica still serves
/// streams; when the leader is gone another takes the lease within its duration and reconciles at once.
/// </summary>
internal sealed class ReconcilerLeadership(
    ApiServerConnection apiServer,
    ReplicaIdentity identity,
    CheckInSignal checkInSignal,
    IOptions<AgentOptions> options,
    ILogger<ReconcilerLeadership> logger) : BackgroundService
{
    /// <summary>Name of the Lease the replicas of one cluster compete for.</summary>
    public const string LeaseName = "ankra-agent-reconciler";

    private volatile bool _leading;
    private int _term;

    /// <summary>True while this replica holds the lease.</summary>
    public bool IsLeader => _leading;

    /// <summary>Counts the times this replica became leader, so the reconcile loop knows to run at once.</summary>
    public int Term => Volatile.Read(ref _term);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // A process-unique identity: a restarted pod with the same name must not believe it holds its predecessor's lease.
        var holder = $"{identity.ReplicaId}_{Guid.NewGuid():N}"[..Math.Min(63, identity.ReplicaId.Length + 33)];
        var leaseLock = new LeaseLock(apiServer.Client, settings.LeaseNamespace, LeaseName, holder);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.LeaseDuration * 2 / 3,
            RetryPeriod = settings.LeaseDuration / 7,
        });
        elector.OnStartedLeading += () =>
        {
            Interlocked.Increment(ref _term);
            _leading = true;
            AgentLog.LeadershipAcquired(logger, holder, settings.LeaseNamespace, LeaseName);
            checkInSignal.Wake();
        };
        elector.OnStoppedLeading += () =>
        {
            _leading = false;
            AgentLog.LeadershipLost(logger, holder);
        };
        elector.OnError += exception => AgentLog.LeaseError(logger, exception);
        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _leading = false;
        }
    }
}
