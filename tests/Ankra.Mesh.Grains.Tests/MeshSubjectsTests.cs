using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>
/// Grain identifiers follow the subject rule (its cases: Ankra.Mesh.Contracts.Tests' SubjectTokenTests), so an id a grain
/// hands out can never add tokens or wildcards to a subject.
/// </summary>
public sealed class MeshSubjectsTests
{
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
