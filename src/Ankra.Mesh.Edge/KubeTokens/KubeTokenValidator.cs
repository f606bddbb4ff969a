using System.Globalization;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>
/// Verifies a kube token locally (signature by <c>kid</c>, issuer, expiry, audience = the cluster in
/// the URL) — no network call. The kube proxy then asks <see cref="Access.AccessDecisionCache"/>
/// with the returned user id and generation.
/// </summary>
public sealed class KubeTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _time;

    internal KubeTokenValidator(KubeSigningKeys keys, IOptions<KubeTokenOptions> options, TimeProvider time)
    {
        _time = time;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keys.VerificationKeys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = null,
            ValidateLifetime = false,
        };
    }

    /// <summary>Validates <paramref name="token"/> for <paramref name="clusterId"/>.</summary>
    public async ValueTask<KubeTokenValidation> ValidateAsync(string? token, string clusterId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192 || !_handler.CanReadToken(token))
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.Invalid, "The bearer token is not an Ankra kube token; get one with `ankra cluster kube-token`");
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt ||
            !jwt.TryGetPayloadValue<string>(KubeTokenClaims.TokenUse, out var use) || use != KubeTokenClaims.TokenUseKube ||
            !jwt.TryGetPayloadValue<long>(KubeTokenClaims.Generation, out var generation) ||
            !MeshIdentifiers.IsValid(jwt.Subject))
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.Invalid, "The kube token is invalid (signature, issuer or key); get a new one with `ankra cluster kube-token`");
        }

        // Lifetime is checked here rather than by the handler so "expired" gets its own message.
        var expires = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (_time.GetUtcNow() >= expires + _parameters.ClockSkew)
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.Expired, string.Create(CultureInfo.InvariantCulture, $"The kube token expired at {expires:u}; kubectl's exec plugin fetches a new one, or run `ankra cluster kube-token`"));
        }

        if (!jwt.Audiences.Contains(clusterId, StringComparer.Ordinal))
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.WrongCluster, "The kube token was issued for another cluster");
        }

        return new KubeTokenValidation(KubeTokenFailure.None, string.Empty, jwt.Subject, clusterId, generation, expires);
    }
}
