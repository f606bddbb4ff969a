using System.Diagnostics.Metrics;

namespace Ankra.Mesh.Agent.Diagnostics;

/// <summary>The agent's own metrics (meter <c>Ankra.Mesh.Agent</c>); the tunnel reports its streams separately.</summary>
internal sealed class AgentMetrics
{
    public const string MeterName = "Ankra.Mesh.Agent";

    private readonly Counter<long> _registrations;
    private readonly Counter<long> _checkInFailures;
    private readonly Counter<long> _grantsReconciled;

    public AgentMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _registrations = meter.CreateCounter<long>("ankra.agent.registrations", description: "Registrations with the edge, by outcome");
        _checkInFailures = meter.CreateCounter<long>("ankra.agent.check_in.failures", description: "Check-ins that failed");
        _grantsReconciled = meter.CreateCounter<long>("ankra.agent.grants.reconciled", description: "Grant reconcile results, by state");
    }

    public void Registration(string outcome) => _registrations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void CheckInFailed() => _checkInFailures.Add(1);

    public void GrantReconciled(string state) => _grantsReconciled.Add(1, new KeyValuePair<string, object?>("state", state));
}
