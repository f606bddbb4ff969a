using System.Diagnostics.Metrics;
using Ankra.Mesh.ServiceDefaults;

namespace Ankra.Mesh.Edge;

/// <summary>Control-plane numbers of the edge (meter <c>Ankra.Mesh.Edge</c>, exported by ServiceDefaults).</summary>
internal sealed class EdgeMetrics
{
    public const string MeterName = "Ankra.Mesh.Edge";

    /// <summary>The <c>trigger</c> values of <c>ankra.mesh.access.live_request_cuts</c>.</summary>
    public const string CutByAccessEvent = "access event";

    /// <inheritdoc cref="CutByAccessEvent"/>
    public const string CutByPeriodicRecheck = "periodic re-check";

    /// <inheritdoc cref="CutByAccessEvent"/>
    public const string CutUnconfirmed = "access unconfirmed";

    private readonly Counter<long> _mints;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _accessEvents;
    private readonly Counter<long> _liveRequestCuts;
    private readonly Counter<long> _auditDropped;
    private readonly Counter<long> _auditWritten;
    private readonly Counter<long> _checkIns;
    private readonly ClusterLabels _labels;

    public EdgeMetrics(IMeterFactory meters, ClusterLabels labels)
    {
        _labels = labels;
        var meter = meters.Create(MeterName);
        _mints = meter.CreateCounter<long>("ankra.mesh.kube_token.mints", description: "Kube tokens and kubeconfigs minted");
        _refusals = meter.CreateCounter<long>("ankra.mesh.kube_token.refusals", description: "Kube token mints refused, by reason");
        _accessEvents = meter.CreateCounter<long>("ankra.mesh.access.events", description: "Access-changed events received (cached decisions dropped)");
        _liveRequestCuts = meter.CreateCounter<long>("ankra.mesh.access.live_request_cuts",
            description: "Live kube requests cut because access was revoked or could not be confirmed, by trigger (access event, periodic re-check, access unconfirmed)");
        _auditDropped = meter.CreateCounter<long>("ankra.mesh.audit.events_dropped",
            description: "Gateway audit events lost because the audit buffer was full (database slow or down) or the edge stopped before writing them");
        _auditWritten = meter.CreateCounter<long>("ankra.mesh.audit.events_written", description: "Gateway audit events stored");
        // Every trigger's series exists from the start at 0: an alert on increase() sees the first cut, not only the second.
        foreach (var trigger in (string[])[CutByAccessEvent, CutByPeriodicRecheck, CutUnconfirmed])
        {
            _liveRequestCuts.Add(0, new KeyValuePair<string, object?>("trigger", trigger));
        }

        // An agent replica checks in every Mesh:ControlPlane:CheckInInterval to some edge: summed over edges, the rate is
        // the replicas online, and a cluster whose rate drops to zero has lost its agent (alert "AnkraAgentOffline").
        _checkIns = meter.CreateCounter<long>("ankra.mesh.agent.check_ins", description: "Accepted agent check-ins, by cluster");
    }

    public void Minted() => _mints.Add(1);

    public void Refused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AccessEventReceived() => _accessEvents.Add(1);

    /// <summary>Counts an accepted check-in (the agent's registration token and session were verified).</summary>
    public void CheckedIn(string clusterId) => _checkIns.Add(1, _labels.For(clusterId));

    public void LiveRequestCut(string trigger) => _liveRequestCuts.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    public void AuditEventDropped(long count = 1) => _auditDropped.Add(count);

    public void AuditEventsWritten(long count) => _auditWritten.Add(count);
}
