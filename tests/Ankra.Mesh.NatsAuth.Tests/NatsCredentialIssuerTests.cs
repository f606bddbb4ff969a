using System.Text.Json;
using Ankra.Mesh.NatsAuth.Tests.Infrastructure;
using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth.Tests;

/// <summary>The token's encoding, checked field by field; <see cref="PermissionTests"/> and <see cref="AuthenticationTests"/> check that nats-server agrees.</summary>
public sealed class NatsCredentialIssuerTests
{
    private static readonly NatsPermissions AgentA = new(["mesh.c.A.>"], ["mesh.c.A.>", "mesh.events.access.A"], AllowResponses: true)
    {
        PublishDeny = ["mesh.c.A.secret"],
    };

    private readonly NatsKeySet _keys = NatsKeySet.Generate();

    [Fact]
    public void IssueUser_AgentPermissions_WritesNatsV2UserClaims()
    {
        using var user = NatsUserKeys.Create();
        var issuer = _keys.CreateIssuer();
        var now = new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

        var credential = issuer.IssueUser(user.PublicKey, "agent-A", AgentA, TimeSpan.FromMinutes(10), new FixedTime(now));

        var jwt = JwtParts.Parse(credential.Jwt);
        Assert.Equal("JWT", jwt.Header.GetProperty("typ").GetString());
        Assert.Equal("ed25519-nkey", jwt.Header.GetProperty("alg").GetString());
        Assert.Equal(user.PublicKey, jwt.Claims.GetProperty("sub").GetString());
        Assert.Equal("agent-A", jwt.Claims.GetProperty("name").GetString());
        Assert.Equal(issuer.SigningPublicKey, jwt.Claims.GetProperty("iss").GetString());
        Assert.Equal(now.ToUnixTimeSeconds(), jwt.Claims.GetProperty("iat").GetInt64());
        Assert.Equal(now.AddMinutes(10).ToUnixTimeSeconds(), jwt.Claims.GetProperty("exp").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(10).ToUnixTimeSeconds()), credential.ExpiresAt);
        Assert.Equal(52, jwt.Claims.GetProperty("jti").GetString()!.Length);
        Assert.False(jwt.Claims.TryGetProperty("type", out _)); // a top-level type would make it a v1 token

        Assert.Equal("user", jwt.Nats.GetProperty("type").GetString());
        Assert.Equal(2, jwt.Nats.GetProperty("version").GetInt32());
        Assert.Equal(_keys.MeshAccountPublicKey, jwt.Nats.GetProperty("issuer_account").GetString());
        Assert.Equal(["mesh.c.A.>"], Strings(jwt.Nats.GetProperty("pub").GetProperty("allow")));
        Assert.Equal(["mesh.c.A.secret"], Strings(jwt.Nats.GetProperty("pub").GetProperty("deny")));
        Assert.Equal(["mesh.c.A.>", "mesh.events.access.A"], Strings(jwt.Nats.GetProperty("sub").GetProperty("allow")));
        Assert.Equal(1, jwt.Nats.GetProperty("resp").GetProperty("max").GetInt32());
        Assert.Equal(-1, jwt.Nats.GetProperty("subs").GetInt64());
        Assert.Equal(-1, jwt.Nats.GetProperty("data").GetInt64());
        Assert.Equal(-1, jwt.Nats.GetProperty("payload").GetInt64());
    }

    [Fact]
    public void IssueUser_Signature_VerifiesWithSigningKeyOnly()
    {
        using var user = NatsUserKeys.Create();
        var issuer = _keys.CreateIssuer();

        var jwt = JwtParts.Parse(issuer.IssueUser(user.PublicKey, "u", AgentA, lifetime: null).Jwt);

        using var signer = KeyPair.FromPublicKey(issuer.SigningPublicKey);
        using var account = KeyPair.FromPublicKey(_keys.MeshAccountPublicKey);
        Assert.True(signer.Verify(jwt.SignedBytes, jwt.Signature));
        Assert.False(account.Verify(jwt.SignedBytes, jwt.Signature));
    }

    [Fact]
    public void IssueUser_NoLifetimeNoResponses_NoExpiryAndNoResponsePermission()
    {
        using var user = NatsUserKeys.Create();

        var credential = _keys.CreateIssuer().IssueUser(user.PublicKey, "edge", new(["a"], ["b"], AllowResponses: false), lifetime: null);

        var jwt = JwtParts.Parse(credential.Jwt);
        Assert.Null(credential.ExpiresAt);
        Assert.False(jwt.Claims.TryGetProperty("exp", out _));
        Assert.False(jwt.Nats.TryGetProperty("resp", out _));
    }

    [Fact]
    public void IssueUser_EmptyAllowList_DeniesEverythingInThatDirection()
    {
        using var user = NatsUserKeys.Create();

        var credential = _keys.CreateIssuer().IssueUser(user.PublicKey, "silo", new(["mesh.events.access.*"], [], AllowResponses: false), lifetime: null);

        var sub = JwtParts.Parse(credential.Jwt).Nats.GetProperty("sub");
        Assert.False(sub.TryGetProperty("allow", out _));
        Assert.Equal([">"], Strings(sub.GetProperty("deny")));
    }

    [Fact]
    public void IssueUser_SeedInsteadOfPublicKey_ThrowsWithoutRevealingIt()
    {
        using var user = NatsUserKeys.Create();

        var error = Assert.Throws<ArgumentException>(() => _keys.CreateIssuer().IssueUser(user.Seed, "u", AgentA, lifetime: null));

        Assert.Equal("userPublicKey", error.ParamName);
        Assert.DoesNotContain(user.Seed, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mesh.c.A >")]
    public void IssueUser_MalformedSubject_Throws(string subject)
    {
        using var user = NatsUserKeys.Create();

        Assert.Throws<ArgumentException>(() => _keys.CreateIssuer().IssueUser(user.PublicKey, "u", new([subject], [], false), lifetime: null));
    }

    [Fact]
    public void IssueUser_NonPositiveLifetime_Throws()
    {
        using var user = NatsUserKeys.Create();

        Assert.Throws<ArgumentOutOfRangeException>(() => _keys.CreateIssuer().IssueUser(user.PublicKey, "u", AgentA, TimeSpan.Zero));
    }

    [Fact]
    public void Constructor_UserKeyAsAccount_Throws()
    {
        using var user = NatsUserKeys.Create();

        var error = Assert.Throws<ArgumentException>(() => new NatsCredentialIssuer(user.PublicKey, _keys.AccountSigningKeySeed));

        Assert.Equal("accountPublicKey", error.ParamName);
        Assert.DoesNotContain(_keys.AccountSigningKeySeed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UserSeedAsSigningKey_ThrowsWithoutRevealingIt()
    {
        using var user = NatsUserKeys.Create();

        var error = Assert.Throws<ArgumentException>(() => new NatsCredentialIssuer(_keys.MeshAccountPublicKey, user.Seed));

        Assert.Equal("accountSigningKeySeed", error.ParamName);
        Assert.DoesNotContain(user.Seed, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new NatsCredentialIssuer(_keys.MeshAccountPublicKey, _keys.MeshAccountPublicKey));
        Assert.Throws<ArgumentException>(() => new NatsCredentialIssuer(_keys.MeshAccountPublicKey, "garbage"));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
