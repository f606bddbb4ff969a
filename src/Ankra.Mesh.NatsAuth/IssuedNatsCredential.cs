namespace Ankra.Mesh.NatsAuth;

/// <summary>A user JWT as issued, and when nats-server will stop accepting it (and close its connections).</summary>
/// <param name="Jwt">The signed user JWT (public: it is presented to the server, the seed never is).</param>
/// <param name="ExpiresAt">The JWT's <c>exp</c> in whole seconds; null when it does not expire.</param>
public sealed record IssuedNatsCredential(string Jwt, DateTimeOffset? ExpiresAt);
