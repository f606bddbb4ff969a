using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Contracts.Tests.Subjects;

/// <summary>An identifier placed in a subject can never add a token, a wildcard or whitespace.</summary>
public sealed class SubjectTokenTests
{
    [Theory]
    [InlineData("7d0b5a8e-0000-4000-8000-000000000001", true)]
    [InlineData("agent-0", true)]
    [InlineData("a.b", false)]
    [InlineData("a*", false)]
    [InlineData("a>", false)]
    [InlineData(">", false)]
    [InlineData("A", false)]
    [InlineData("a b", false)]
    [InlineData("a\tb", false)]
    [InlineData("é", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_Identifier_OnlyLowerAlnumDash(string? id, bool valid) => Assert.Equal(valid, SubjectToken.IsValid(id));

    [Fact]
    public void IsValid_LongestAndOneLonger_AcceptedThenRefused()
    {
        Assert.True(SubjectToken.IsValid(new string('a', SubjectToken.MaxLength)));
        Assert.False(SubjectToken.IsValid(new string('a', SubjectToken.MaxLength + 1)));
    }

    [Fact]
    public void Validate_Unsafe_ThrowsNamingWhat()
    {
        var failure = Assert.Throws<ArgumentException>(() => SubjectToken.Validate("a.b", "cluster id"));
        Assert.Contains("cluster id 'a.b'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NewId_Always_IsAValidTokenAndUnique()
    {
        var first = SubjectToken.NewId();
        Assert.True(SubjectToken.IsValid(first));
        Assert.NotEqual(first, SubjectToken.NewId());
    }
}
