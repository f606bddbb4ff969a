using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// The operator JWT: self-signed by the operator key, the root of trust nats-server is configured with.
/// It names the system account so the server's <c>system_account</c> setting and the token agree.
/// </summary>
internal static class OperatorClaims
{
    public static string Encode(KeyPair operatorKey, string name, string systemAccountPublicKey, DateTimeOffset now)
    {
        var claims = new NatsClaimsData(operatorKey.GetPublicKey(), name, now, ExpiresAt: null);
        return NatsJwt.Encode(operatorKey, claims, "operator", json => json.WriteString("system_account", systemAccountPublicKey));
    }
}
