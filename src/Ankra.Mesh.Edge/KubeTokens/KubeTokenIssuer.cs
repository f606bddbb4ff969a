using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>Signs kube tokens: one user, one cluster (audience), the cluster's generation, short expiry.</summary>
internal sealed class KubeTokenIssuer(KubeSigningKeys keys, IOptions<KubeTokenOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId, string clusterId, long generation)
    {
        // Whole seconds: exp is in seconds anyway, and kubectl's ExecCredential wants whole seconds.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + options.Value.Lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = clusterId,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))]),
            Claims = new Dictionary<string, object>
            {
                [KubeTokenClaims.Generation] = generation,
                [KubeTokenClaims.TokenUse] = KubeTokenClaims.TokenUseKube,
            },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = keys.Signing,
        });
        return (token, expires);
    }
}
