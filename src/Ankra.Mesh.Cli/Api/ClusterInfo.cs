namespace Ankra.Mesh.Cli.Api;

/// <summary>A cluster as the user API returns it.</summary>
internal sealed record ClusterInfo(
    string Id,
    string Name,
    string? State,
    string? Kind,
    string? OrganisationId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? LastSeenAt);
