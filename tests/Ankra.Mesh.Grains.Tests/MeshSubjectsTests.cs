using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Identifiers entering NATS subjects can never add tokens or wildcards (the layout itself: Ankra.Mesh.Contracts.Tests).</summary>
public sealed class MeshSubjectsTests
{
    [Theory]
    [InlineData("7d0b5a8e-0000-4000-8000-000000000001", true)]
    [InlineData("agent-0", true)]
    [InlineData("a.b", false)]
    [InlineData("a*", false)]
    [InlineData("a>", false)]
    [InlineData("A", false)]
    [InlineData("a b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Identifier_OnlyLowerAlnumDash(string? id, bool valid) => Assert.Equal(valid, MeshIdentifiers.IsValid(id));

    [Fact]
    public void IsValid_TooLong_Refused() => Assert.False(MeshIdentifiers.IsValid(new string('a', MeshIdentifiers.MaxLength + 1)));

    [Theory]
    [InlineData("c-1")]
    [InlineData("c.1")]
    [InlineData("C")]
    [InlineData(">")]
    public void IsValid_AnyIdentifier_SameRuleAsTheSubjects(string id) => Assert.Equal(SubjectToken.IsValid(id), MeshIdentifiers.IsValid(id));

    [Fact]
    public void SecretHash_SameSecret_MatchesAndOthersDoNot()
    {
        var secret = SecretHash.NewSecret();
        Assert.True(SecretHash.Matches(SecretHash.Of(secret), SecretHash.Of(secret)));
        Assert.False(SecretHash.Matches(SecretHash.Of(secret), SecretHash.Of(secret + "x")));
        Assert.DoesNotContain(secret, SecretHash.Of(secret), StringComparison.Ordinal);
    }
}
