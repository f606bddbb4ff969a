using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>The verification keys (all configured) and the signing credentials (the active one).</summary>
internal sealed class KubeSigningKeys
{
    public KubeSigningKeys(IOptions<KubeTokenOptions> options)
    {
        var configured = options.Value.Keys;
        var keys = configured.Count == 0
            ? [new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "generated" }]
            : configured.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Secret)) { KeyId = k.Id }).ToList();
        VerificationKeys = keys;
        var active = keys.FirstOrDefault(k => k.KeyId == options.Value.ActiveKeyId) ?? keys[0];
        Signing = new SigningCredentials(active, SecurityAlgorithms.HmacSha256);
    }

    public IReadOnlyList<SecurityKey> VerificationKeys { get; }

    public SigningCredentials Signing { get; }
}
