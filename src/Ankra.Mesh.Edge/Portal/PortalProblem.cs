namespace Ankra.Mesh.Edge.Portal;

/// <summary>A refusal the page shows instead of its content: the status code and a reason a person can act on.</summary>
public sealed record PortalProblem(int StatusCode, string Title, string Reason);
