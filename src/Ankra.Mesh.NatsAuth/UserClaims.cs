using System.Text.Json;
using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// A user JWT signed by an account signing key: the subjects the user may publish and subscribe to, and
/// whether it may answer requests. <c>issuer_account</c> names the account, since the issuer is a signing
/// key and not the account itself.
/// </summary>
internal static class UserClaims
{
    /// <summary>Everything: what "deny all" is written as for a direction whose allow list is empty.</summary>
    private static readonly string[] All = [">"];

    /// <param name="issuerAccount">The account, when <paramref name="signingKey"/> is one of its signing keys; null when it is the account key.</param>
    public static string Encode(KeyPair signingKey, string? issuerAccount, string userPublicKey, string name, NatsPermissions permissions, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        var claims = new NatsClaimsData(userPublicKey, name, now, expiresAt);
        return NatsJwt.Encode(signingKey, claims, "user", json =>
        {
            WritePermission(json, "pub", permissions.PublishAllow, permissions.PublishDeny);
            WritePermission(json, "sub", permissions.SubscribeAllow, permissions.SubscribeDeny);
            if (permissions.AllowResponses)
            {
                // One reply per request received; ttl 0 lets the server apply its default window (2 minutes).
                json.WriteStartObject("resp");
                json.WriteNumber("max", 1);
                json.WriteNumber("ttl", 0);
                json.WriteEndObject();
            }

            json.WriteNumber("subs", -1);
            json.WriteNumber("data", -1);
            json.WriteNumber("payload", -1);
            if (issuerAccount is not null)
            {
                json.WriteString("issuer_account", issuerAccount);
            }
        });
    }

    /// <summary>
    /// nats-server reads an absent allow list as "allow everything", so an empty allow list is written as a
    /// deny of everything instead: a caller who allows nothing gets nothing. Replies that
    /// <c>resp</c> permits still pass (the server checks them after the deny list).
    /// </summary>
    private static void WritePermission(Utf8JsonWriter json, string name, IReadOnlyList<string> allow, IReadOnlyList<string> deny)
    {
        json.WriteStartObject(name);
        if (allow.Count > 0)
        {
            NatsJwt.WriteStrings(json, "allow", allow);
        }

        var denied = allow.Count > 0 ? deny : All;
        if (denied.Count > 0)
        {
            NatsJwt.WriteStrings(json, "deny", denied);
        }

        json.WriteEndObject();
    }
}
