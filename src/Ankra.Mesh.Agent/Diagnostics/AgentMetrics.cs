using System.Diagnostics.Metrics;
using Ankra.Mesh.Agent.Registration;
using Ankra.Mesh.ServiceDefaults;

namespace Ankra.Mesh.Agent.Diagnostics;

/// <summary>
/// The agent's own metrics (meter <c>Ankra.Mesh.Agent</c>); the tunnel reports its streams separately. Every instrument
/// carries the <c>cluster</c> label: an agent serves one cluster, so it costs one series each (<c>unknown</c> until the
/// first registration has named the cluster).
/// </summary>
internal sealed class AgentMetrics
{
    public const string MeterName = "Ankra.Mesh.Agent";

    private const string UnknownCluster = "unknown";

    private readonly Counter<long> _registrations;
    private readonly Counter<long> _checkInFailures;
    private readonly Counter<long> _grantsReconciled;
    private readonly AgentSessionState _session;
    private string _clusterId = UnknownCluster;

    public AgentMetrics(IMeterFactory meterFactory, AgentSessionState session, TimeProvider time)
    {
        _session = session;
        // The last cluster registered with stays the label while the agent re-registers, so a series does not flap.
        session.Changed += current => _clusterId = current?.ClusterId ?? _clusterId;
        var meter = meterFactory.Create(MeterName);
        _registrations = meter.CreateCounter<long>("ankra.agent.registrations", description: "Registrations with the edge, by outcome");
        _checkInFailures = meter.CreateCounter<long>("ankra.agent.check_in.failures", description: "Check-ins that failed");
        _grantsReconciled = meter.CreateCounter<long>("ankra.agent.grants.reconciled", description: "Grant reconcile results, by state");
        meter.CreateObservableGauge("ankra.agent.registered", () => new Measurement<int>(_session.Current is null ? 0 : 1, Cluster),
            description: "1 while the agent holds a session with the control plane (and serves its cluster's streams), else 0");
        meter.CreateObservableGauge("ankra.agent.check_in.age", () => new Measurement<double>(
                _session.LastCheckIn is { } last ? (time.GetUtcNow() - last).TotalSeconds : -1, Cluster), "s",
            "Seconds since the last accepted check-in (-1 before the first); the control plane calls the cluster offline after Mesh:ControlPlane:OfflineAfter");
    }

    private KeyValuePair<string, object?> Cluster => new(ClusterLabels.Name, _clusterId);

    /// <summary>Counts a registration attempt; a successful one names the cluster (<paramref name="clusterId"/>).</summary>
    public void Registration(string outcome, string? clusterId = null)
    {
        _clusterId = clusterId ?? _clusterId;
        _registrations.Add(1, Cluster, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void CheckInFailed() => _checkInFailures.Add(1, Cluster);

    public void GrantReconciled(string state) => _grantsReconciled.Add(1, Cluster, new KeyValuePair<string, object?>("state", state));
}
