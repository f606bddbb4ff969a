using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth.Tests;

public sealed class NatsUserKeysTests
{
    [Fact]
    public void IsValidPublicKey_CreatedUserKey_True()
    {
        using var key = NatsUserKeys.Create();

        Assert.True(NatsUserKeys.IsValidPublicKey(key.PublicKey));
        Assert.StartsWith("U", key.PublicKey, StringComparison.Ordinal);
        Assert.StartsWith("SU", key.Seed, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValidPublicKey_UserSeed_False()
    {
        using var key = NatsUserKeys.Create();

        Assert.False(NatsUserKeys.IsValidPublicKey(key.Seed));
    }

    [Theory]
    [InlineData(PrefixByte.Account)]
    [InlineData(PrefixByte.Operator)]
    [InlineData(PrefixByte.Server)]
    [InlineData(PrefixByte.Cluster)]
    public void IsValidPublicKey_OtherKindOfKey_False(PrefixByte kind)
    {
        using var pair = KeyPair.CreatePair(kind);

        Assert.False(NatsUserKeys.IsValidPublicKey(pair.GetPublicKey()));
        Assert.False(NatsUserKeys.IsValidPublicKey(pair.GetSeed()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("U")]
    [InlineData("not a key at all")]
    [InlineData("UAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // right length and alphabet, wrong checksum
    [InlineData("U0000000000000000000000000000000000000000000000000000000")] // '0' is not base32
    public void IsValidPublicKey_Garbage_False(string? text) => Assert.False(NatsUserKeys.IsValidPublicKey(text));

    [Fact]
    public void IsValidPublicKey_OneCharacterChanged_False()
    {
        using var key = NatsUserKeys.Create();
        var changed = key.PublicKey[..10] + (key.PublicKey[10] == 'A' ? 'B' : 'A') + key.PublicKey[11..];

        Assert.False(NatsUserKeys.IsValidPublicKey(changed));
        Assert.False(NatsUserKeys.IsValidPublicKey(key.PublicKey.ToLowerInvariant()));
        Assert.False(NatsUserKeys.IsValidPublicKey(key.PublicKey + "A"));
        Assert.False(NatsUserKeys.IsValidPublicKey(" " + key.PublicKey));
    }

    [Fact]
    public void Seed_AfterDispose_Throws()
    {
        var key = NatsUserKeys.Create();
        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.Seed);
        Assert.True(NatsUserKeys.IsValidPublicKey(key.PublicKey)); // the public key stays usable
    }
}
