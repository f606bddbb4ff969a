namespace Ankra.Mesh.Demo.Chaos;

/// <summary>A fault in place: what was hit, when, and how to bring the stack back whole (with whether its peers took it back).</summary>
internal sealed class InjectedFault
{
    public required string Victim { get; init; }

    /// <summary>When the fault happened (since the suite's start).</summary>
    public required TimeSpan At { get; init; }

    /// <summary>For a frozen edge: when HAProxy's health check took it out (null otherwise).</summary>
    public TimeSpan? TakenOutAt { get; init; }

    /// <summary>Restarts (or resumes) what the fault stopped; returns whether its peers took it back, and how that was seen.</summary>
    public required Func<Task<(bool Recovered, string How)>> RestoreAsync { get; init; }
}
