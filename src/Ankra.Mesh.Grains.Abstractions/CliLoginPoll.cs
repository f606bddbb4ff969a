namespace Ankra.Mesh.Grains;

/// <summary>The answer to one poll of a CLI login.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.CliLoginPoll")]
public sealed class CliLoginPoll
{
    /// <summary>Where the login stands.</summary>
    [Id(0)] public CliLoginStatus Status { get; init; }

    /// <summary>The approving user, when <see cref="CliLoginStatus.Approved"/>.</summary>
    [Id(1)] public string UserId { get; init; } = string.Empty;

    /// <summary>The approving user's email, when approved.</summary>
    [Id(2)] public string Email { get; init; } = string.Empty;

    /// <summary>The machine name the CLI reported.</summary>
    [Id(3)] public string MachineName { get; init; } = string.Empty;
}
