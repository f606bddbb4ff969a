using System.Globalization;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Caching.Memory;
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

    // Bounded: tokens of distinct users and commands, each kept until it expires at the latest.
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = VerifiedTokenCapacity });

    /// <summary>How many verified tokens this edge remembers (about 1 KiB each).</summary>
    internal const int VerifiedTokenCapacity = 20_000;

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

        // A kubectl command sends the same token with every request: its signature is checked once, and
        // expiry and audience every time. Revocation is not the signature's business (the generation it
        // carries is compared with the grain's on every request).
        if (!_verified.TryGetValue(token, out VerifiedKubeToken? verified))
        {
            verified = await VerifyAsync(token);
            if (verified is null)
            {
                return KubeTokenValidation.Fail(KubeTokenFailure.Invalid, "The kube token is invalid (signature, issuer or key); get a new one with `ankra cluster kube-token`");
            }

            _verified.Set(token, verified, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = verified.Expires + _parameters.ClockSkew });
        }

        // Lifetime is checked here rather than by the handler so "expired" gets its own message.
        var expires = verified!.Expires;
        if (_time.GetUtcNow() >= expires + _parameters.ClockSkew)
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.Expired, string.Create(CultureInfo.InvariantCulture, $"The kube token expired at {expires:u}; kubectl's exec plugin fetches a new one, or run `ankra cluster kube-token`"));
        }

        if (!verified.Audiences.Contains(clusterId, StringComparer.Ordinal))
        {
            return KubeTokenValidation.Fail(KubeTokenFailure.WrongCluster, "The kube token was issued for another cluster");
        }

        return new KubeTokenValidation(KubeTokenFailure.None, string.Empty, verified.Subject, clusterId, verified.Generation, expires);
    }

    private async Task<VerifiedKubeToken?> VerifyAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        return result.IsValid && result.SecurityToken is JsonWebToken jwt &&
            jwt.TryGetPayloadValue<string>(KubeTokenClaims.TokenUse, out var use) && use == KubeTokenClaims.TokenUseKube &&
            jwt.TryGetPayloadValue<long>(KubeTokenClaims.Generation, out var generation) &&
            MeshIdentifiers.IsValid(jwt.Subject)
            ? new VerifiedKubeToken(jwt.Subject, [.. jwt.Audiences], generation, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
            : null;
    }
}
