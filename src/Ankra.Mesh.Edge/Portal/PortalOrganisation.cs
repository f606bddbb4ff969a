namespace Ankra.Mesh.Edge.Portal;

/// <summary>One organisation in the switcher.</summary>
public sealed record PortalOrganisation(string Id, string Name, string Role);
