namespace Ankra.Mesh.Edge.Audit;

/// <summary>A page of one cluster's audit, newest first, optionally narrowed to a user (email or id), a verb and a time range.</summary>
internal sealed record AuditQuery(string ClusterId, string? User, string? Verb, DateTimeOffset? Since, DateTimeOffset? Until, int Page, int PageSize);
