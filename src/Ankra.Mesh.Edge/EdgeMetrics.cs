using System.Diagnostics.Metrics;

namespace Ankra.Mesh.Edge;

/// <summary>Control-plane numbers of the edge (meter <c>Ankra.Mesh.Edge</c>, exported by ServiceDefaults).</summary>
internal sealed class EdgeMetrics
{
    public const string MeterName = "Ankra.Mesh.Edge";

    private readonly Counter<long> _mints;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _accessEvents;
    private readonly Counter<long> _liveRequestCuts;
    private readonly Counter<long> _auditDropped;
    private readonly Counter<long> _auditWritten;

    public EdgeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _mints = meter.CreateCounter<long>("ankra.mesh.kube_token.mints", description: "Kube tokens and kubeconfigs minted");
        _refusals = meter.CreateCounter<long>("ankra.mesh.kube_token.refusals", description: "Kube token mints refused, by reason");
        _accessEvents = meter.CreateCounter<long>("ankra.mesh.access.events", description: "Access-changed events received (cached decisions dropped)");
        _liveRequestCuts = meter.CreateCounter<long>("ankra.mesh.access.live_request_cuts",
            description: "Live kube requests cut because access was revoked or could not be confirmed, by trigger (access event, periodic re-check, access unconfirmed)");
        _auditDropped = meter.CreateCounter<long>("ankra.mesh.audit.events_dropped",
            description: "Gateway audit events lost because the audit buffer was full (database slow or down) or the edge stopped before writing them");
        _auditWritten = meter.CreateCounter<long>("ankra.mesh.audit.events_written", description: "Gateway audit events stored");
    }

    public void Minted() => _mints.Add(1);

    public void Refused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AccessEventReceived() => _accessEvents.Add(1);

    public void LiveRequestCut(string trigger) => _liveRequestCuts.Add(1, new KeyValuePair<string, object?>("trigger", trigger));

    public void AuditEventDropped(long count = 1) => _auditDropped.Add(count);

    public void AuditEventsWritten(long count) => _auditWritten.Add(count);
}
