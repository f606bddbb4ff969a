namespace Ankra.Mesh.Cli.Api;

/// <summary>One organisation the caller belongs to, with their role there.</summary>
internal sealed record OrganisationMembership(string Id, string Name, string Role);
