using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// An account JWT, signed by the operator. Limits are written out as unlimited (-1) because nats-server reads
/// an absent limit as 0, and an account limited to 0 connections takes none. JetStream stays off (its limits
/// are absent, i.e. 0), as nats-io/jwt's defaults do. The signing keys listed here may sign user JWTs for the
/// account, so the account's own key can stay offline.
/// </summary>
internal static class AccountClaims
{
    public static string Encode(KeyPair operatorKey, string accountPublicKey, string name, IReadOnlyList<string> signingKeys, DateTimeOffset now)
    {
        var claims = new NatsClaimsData(accountPublicKey, name, now, ExpiresAt: null);
        return NatsJwt.Encode(operatorKey, claims, "account", json =>
        {
            json.WriteStartObject("limits");
            json.WriteNumber("subs", -1);
            json.WriteNumber("data", -1);
            json.WriteNumber("payload", -1);
            json.WriteNumber("imports", -1);
            json.WriteNumber("exports", -1);
            json.WriteBoolean("wildcards", true);
            json.WriteNumber("conn", -1);
            json.WriteNumber("leaf", -1);
            json.WriteEndObject();
            if (signingKeys.Count > 0)
            {
                NatsJwt.WriteStrings(json, "signing_keys", signingKeys);
            }

            json.WriteStartObject("default_permissions");
            json.WriteStartObject("pub");
            json.WriteEndObject();
            json.WriteStartObject("sub");
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
