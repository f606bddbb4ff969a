namespace Ankra.Mesh.NatsAuth;

/// <summary>The standard JWT claims every NATS token carries besides <c>iss</c> and <c>jti</c> (set when signing).</summary>
/// <param name="Subject">The public nkey the token is about (<c>sub</c>): an operator, account or user key.</param>
/// <param name="Name">A human-readable name (<c>name</c>), shown in server logs and monitoring.</param>
/// <param name="IssuedAt">Issue time (<c>iat</c>), in whole seconds.</param>
/// <param name="ExpiresAt">Expiry (<c>exp</c>), in whole seconds; null for a token that does not expire.</param>
internal sealed record NatsClaimsData(string Subject, string Name, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);
