using Ankra.Mesh.Edge.Auth;

namespace Ankra.Mesh.Edge.Tests.Auth;

/// <summary>The one bearer parser every edge endpoint uses: RFC 6750's scheme, and nothing ambiguous taken for a token.</summary>
public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer ankra_abc_def", "ankra_abc_def")]
    [InlineData("bearer ankra_abc_def", "ankra_abc_def")]
    [InlineData("BEARER eyJhbGciOi.eyJzdWIi.c2ln", "eyJhbGciOi.eyJzdWIi.c2ln")]
    [InlineData("  Bearer   ankagent_c-1_secret  ", "ankagent_c-1_secret")]
    public void From_BearerHeader_ReturnsTheToken(string header, string token) => Assert.Equal(token, BearerToken.From(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("BearerXYZ token")]
    [InlineData("Bearer\ttoken")]
    [InlineData("Bearer one two")]
    [InlineData("Bearer first,Bearer second")] // two Authorization headers joined into one value
    [InlineData("Bearer first,second")] // a comma is no token68 character
    [InlineData("Token Bearer x")]
    public void From_NoSingleBearerToken_ReturnsNull(string? header) => Assert.Null(BearerToken.From(header));
}
