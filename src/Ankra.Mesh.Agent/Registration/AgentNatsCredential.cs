namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// The NATS user credential of a session: the JWT the control plane issued and the seed of the key pair
/// this agent generated for the registration (it never leaves the process, and never reaches a log).
/// </summary>
internal sealed record AgentNatsCredential(string Jwt, string Seed, DateTimeOffset ReceivedAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>When to renew: half-way through the credential's life, so a failing edge leaves time to retry.</summary>
    public DateTimeOffset? RenewAt => ExpiresAt is { } expires ? ReceivedAt + ((expires - ReceivedAt) / 2) : null;

    /// <summary>Keeps the seed out of logs and debugger displays.</summary>
    public override string ToString() => $"NATS credential (expires {ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})";
}
