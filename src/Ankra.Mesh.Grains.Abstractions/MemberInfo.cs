namespace Ankra.Mesh.Grains;

/// <summary>An organisation member; names map 1:1 (snake_case) to the REST member fields.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.MemberInfo")]
public sealed class MemberInfo
{
    /// <summary>User id.</summary>
    [Id(0)] public string UserId { get; init; } = string.Empty;

    /// <summary>Email.</summary>
    [Id(1)] public string Email { get; init; } = string.Empty;

    /// <summary><c>admin</c> or <c>member</c>.</summary>
    [Id(2)] public string Role { get; init; } = string.Empty;

    /// <summary>When the user joined the organisation.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
}
