namespace Ankra.Mesh.NatsAuth.Tests;

public sealed class NatsCredsFileTests
{
    private static readonly NatsPermissions Any = new([">"], [">"], AllowResponses: false);

    [Fact]
    public void Parse_FormattedFile_ReturnsJwtAndSeed()
    {
        var (jwt, seed) = NewCredential();

        var text = NatsCredsFile.Format(jwt, seed);
        var parsed = NatsCredsFile.Parse(text);

        Assert.Equal(jwt, parsed.Jwt);
        Assert.Equal(seed, parsed.Seed);
        Assert.StartsWith("-----BEGIN NATS USER JWT-----\n", text, StringComparison.Ordinal);
        Assert.Contains("\n------END NATS USER JWT------\n", text, StringComparison.Ordinal);
        Assert.Contains("\n-----BEGIN USER NKEY SEED-----\n" + seed + "\n------END USER NKEY SEED------\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReturnsJwtAndSeed()
    {
        var (jwt, seed) = NewCredential();

        var parsed = NatsCredsFile.Parse(NatsCredsFile.Format(jwt, seed).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal((jwt, seed), parsed);
    }

    [Fact]
    public void Parse_NoSeedSection_ThrowsFormatException()
    {
        var (jwt, seed) = NewCredential();
        var text = NatsCredsFile.Format(jwt, seed);
        var withoutSeed = text[..text.IndexOf("-----BEGIN USER NKEY SEED-----", StringComparison.Ordinal)];

        var error = Assert.Throws<FormatException>(() => NatsCredsFile.Parse(withoutSeed));
        Assert.Contains("seed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("just some text\n")]
    [InlineData("-----BEGIN NATS USER JWT-----\n")]
    [InlineData("-----BEGIN NATS USER JWT-----\nnot-a-jwt\n------END NATS USER JWT------\n")]
    public void Parse_NoUsableJwt_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => NatsCredsFile.Parse(text));

    [Fact]
    public void Parse_SeedOfAnotherKind_ThrowsWithoutRevealingIt()
    {
        var (jwt, _) = NewCredential();
        var accountSeed = NatsKeySet.Generate().AccountSigningKeySeed;
        var text = $"-----BEGIN NATS USER JWT-----\n{jwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n{accountSeed}\n------END USER NKEY SEED------\n";

        var error = Assert.Throws<FormatException>(() => NatsCredsFile.Parse(text));
        Assert.DoesNotContain(accountSeed, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NotAUserSeed_ThrowsWithoutRevealingIt()
    {
        var (jwt, _) = NewCredential();
        var accountSeed = NatsKeySet.Generate().AccountSigningKeySeed;

        var error = Assert.Throws<ArgumentException>(() => NatsCredsFile.Format(jwt, accountSeed));
        Assert.DoesNotContain(accountSeed, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NatsCredsFile.Format("no.jwt", NatsUserKeys.Create().Seed));
    }

    private static (string Jwt, string Seed) NewCredential()
    {
        using var key = NatsUserKeys.Create();
        var credential = NatsKeySet.Generate().CreateIssuer().IssueUser(key.PublicKey, "creds-test", Any, lifetime: null);
        return (credential.Jwt, key.Seed);
    }
}
