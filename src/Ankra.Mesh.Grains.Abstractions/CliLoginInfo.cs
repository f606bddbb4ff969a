namespace Ankra.Mesh.Grains;

/// <summary>A CLI login awaiting approval, as the approval page shows it.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.CliLoginInfo")]
public sealed class CliLoginInfo
{
    /// <summary>The machine's name as the CLI reported it (display only: never trusted).</summary>
    [Id(0)] public string MachineName { get; init; } = string.Empty;

    /// <summary>When the login started.</summary>
    [Id(1)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>When it expires unless approved and collected.</summary>
    [Id(2)] public DateTimeOffset ExpiresAt { get; init; }
}
