namespace Ankra.Mesh.Grains.Tests;

/// <summary>Identifiers entering NATS subjects can never add tokens or wildcards.</summary>
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

    [Fact]
    public void Subjects_ValidCluster_AreOneTokenPerIdentifier()
    {
        Assert.Equal("mesh.c.c-1", MeshSubjects.Agent("c-1"));
        Assert.Equal("mesh.events.access.c-1", MeshSubjects.AccessChanged("c-1"));
        Assert.Equal("c-1", MeshSubjects.ClusterOfAccessEvent("mesh.events.access.c-1"));
    }

    [Theory]
    [InlineData("c.1")]
    [InlineData(">")]
    [InlineData("*")]
    public void Subjects_UnsafeCluster_Throw(string id) => Assert.Throws<ArgumentException>(() => MeshSubjects.AccessChanged(id));

    [Theory]
    [InlineData("mesh.events.access.a.b")]
    [InlineData("mesh.events.other.c-1")]
    [InlineData("mesh.events.access.")]
    public void ClusterOfAccessEvent_Foreign_ReturnsNull(string subject) => Assert.Null(MeshSubjects.ClusterOfAccessEvent(subject));

    [Fact]
    public void SecretHash_SameSecret_MatchesAndOthersDoNot()
    {
        var secret = SecretHash.NewSecret();
        Assert.True(SecretHash.Matches(SecretHash.Of(secret), SecretHash.Of(secret)));
        Assert.False(SecretHash.Matches(SecretHash.Of(secret), SecretHash.Of(secret + "x")));
        Assert.DoesNotContain(secret, SecretHash.Of(secret), StringComparison.Ordinal);
    }
}
