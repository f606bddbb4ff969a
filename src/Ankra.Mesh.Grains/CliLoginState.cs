namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="CliLoginGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.CliLoginState")]
internal sealed class CliLoginState
{
    [Id(0)] public bool Exists { get; set; }

    /// <summary>True once collected, denied or cancelled: the login can never succeed again.</summary>
    [Id(1)] public bool Finished { get; set; }

    [Id(2)] public bool Denied { get; set; }

    [Id(3)] public string TicketHash { get; set; } = string.Empty;

    [Id(4)] public string CodeChallenge { get; set; } = string.Empty;

    [Id(5)] public string MachineName { get; set; } = string.Empty;

    [Id(6)] public DateTimeOffset StartedAt { get; set; }

    [Id(7)] public DateTimeOffset ExpiresAt { get; set; }

    [Id(8)] public string? ApprovedUserId { get; set; }

    [Id(9)] public string? ApprovedEmail { get; set; }
}
