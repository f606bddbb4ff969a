using Ankra.Mesh.Edge.KubeTokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Kube token signing keys, kid rotation, expiry and tampering (no network needed).</summary>
public sealed class KubeTokenValidatorTests
{
    private const string Cluster = "7d0b5a8e-0000-4000-8000-000000000001";
    private static readonly string OldKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Validate_AfterRotation_OldKidVerifiesUntilRemoved()
    {
        var before = Keys(active: "k1", ("k1", OldKey));
        var (oldToken, _) = new KubeTokenIssuer(before.Keys, before.Options, TimeProvider.System).Issue("user-1", Cluster, 3);

        var rotated = Keys(active: "k2", ("k1", OldKey), ("k2", NewKey));
        var (newToken, _) = new KubeTokenIssuer(rotated.Keys, rotated.Options, TimeProvider.System).Issue("user-1", Cluster, 3);
        var validator = new KubeTokenValidator(rotated.Keys, rotated.Options, TimeProvider.System);
        var old = await validator.ValidateAsync(oldToken, Cluster);
        Assert.True(old.IsValid, old.Message);
        Assert.Equal(3, old.Generation);
        Assert.True((await validator.ValidateAsync(newToken, Cluster)).IsValid);
        Assert.Equal("k2", new JsonWebToken(newToken).Kid);

        var removed = Keys(active: "k2", ("k2", NewKey));
        var after = new KubeTokenValidator(removed.Keys, removed.Options, TimeProvider.System);
        Assert.Equal(KubeTokenFailure.Invalid, (await after.ValidateAsync(oldToken, Cluster)).Failure);
        Assert.True((await after.ValidateAsync(newToken, Cluster)).IsValid);
    }

    [Fact]
    public async Task Validate_Expired_ReportsExpired()
    {
        var keys = Keys(active: "k1", ("k1", OldKey));
        var past = new ShiftedTime(TimeSpan.FromHours(-1));
        var (token, _) = new KubeTokenIssuer(keys.Keys, keys.Options, past).Issue("user-1", Cluster, 0);
        var result = await new KubeTokenValidator(keys.Keys, keys.Options, TimeProvider.System).ValidateAsync(token, Cluster);
        Assert.Equal(KubeTokenFailure.Expired, result.Failure);
        Assert.Contains("expired", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TamperedOrForeignOrApiToken_IsInvalid()
    {
        var keys = Keys(active: "k1", ("k1", OldKey));
        var validator = new KubeTokenValidator(keys.Keys, keys.Options, TimeProvider.System);
        var (token, _) = new KubeTokenIssuer(keys.Keys, keys.Options, TimeProvider.System).Issue("user-1", Cluster, 0);
        var tampered = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        Assert.Equal(KubeTokenFailure.Invalid, (await validator.ValidateAsync(tampered, Cluster)).Failure);
        Assert.Equal(KubeTokenFailure.Invalid, (await validator.ValidateAsync("ank_0123456789abcdef_secret", Cluster)).Failure);

        // Signed with a key we hold but without our claims (e.g. another system's JWT).
        var foreign = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ankra-mesh",
            Audience = Cluster,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = keys.Keys.Signing,
        });
        Assert.Equal(KubeTokenFailure.Invalid, (await validator.ValidateAsync(foreign, Cluster)).Failure);
    }

    private static (KubeSigningKeys Keys, IOptions<KubeTokenOptions> Options) Keys(string active, params (string Id, string Secret)[] keys)
    {
        var options = new KubeTokenOptions { ActiveKeyId = active };
        foreach (var (id, secret) in keys)
        {
            options.Keys.Add(new KubeSigningKey { Id = id, Secret = secret });
        }

        var wrapped = Options.Create(options);
        return (new KubeSigningKeys(wrapped), wrapped);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
