namespace Ankra.Mesh.Edge.Audit;

/// <summary>One page of events and how many matched in all.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Total);
