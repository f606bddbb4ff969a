namespace Ankra.Mesh.Grains;

/// <summary>A user.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.UserInfo")]
public sealed class UserInfo
{
    /// <summary>User id (uuid).</summary>
    [Id(0)] public string Id { get; init; } = string.Empty;

    /// <summary>Email (lower case).</summary>
    [Id(1)] public string Email { get; init; } = string.Empty;

    /// <summary>Organisations the user belongs to, in joining order (the first is the default).</summary>
    [Id(2)] public IReadOnlyList<string> OrganisationIds { get; init; } = [];

    /// <summary>The user's API token ids.</summary>
    [Id(3)] public IReadOnlyList<string> TokenIds { get; init; } = [];
}
