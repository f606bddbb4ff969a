using Ankra.Mesh.Contracts.Http;

namespace Ankra.Mesh.Contracts.Tests.Http;

/// <summary>No header through which a client could claim an identity survives, in any spelling; others do.</summary>
public sealed class IdentityHeadersTests
{
    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("Impersonate-User")]
    [InlineData("impersonate-group")]
    [InlineData("Impersonate-Uid")]
    [InlineData("Impersonate-Extra-scopes")]
    [InlineData("X-Remote-User")]
    [InlineData("x-remote-group")]
    [InlineData("X-Remote-Extra-Org")]
    public void IsIdentityHeader_ClaimOfIdentity_True(string name) => Assert.True(IdentityHeaders.IsIdentityHeader(name));

    [Theory]
    [InlineData("Accept")]
    [InlineData("Content-Type")]
    [InlineData("X-Request-Id")]
    [InlineData("User-Agent")]
    [InlineData("Upgrade")]
    public void IsIdentityHeader_OrdinaryHeader_False(string name) => Assert.False(IdentityHeaders.IsIdentityHeader(name));

    [Theory]
    [InlineData("Impersonate-User", true)]
    [InlineData("IMPERSONATE-GROUP", true)]
    [InlineData("Authorization", false)]
    [InlineData("X-Remote-User", false)]
    public void IsImpersonation_Name_OnlyImpersonateHeaders(string name, bool expected) =>
        Assert.Equal(expected, IdentityHeaders.IsImpersonation(name));

    [Fact]
    public void RemoveFrom_ClientClaims_OnlyOrdinaryHeadersRemain()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api/api/v1/pods");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer client-token");
        request.Headers.TryAddWithoutValidation("impersonate-user", "admin");
        request.Headers.TryAddWithoutValidation("Impersonate-Group", "system:masters");
        request.Headers.TryAddWithoutValidation("X-Remote-User", "admin");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("X-Ankra-Trace", "r-1");

        IdentityHeaders.RemoveFrom(request.Headers);

        Assert.Null(request.Headers.Authorization);
        Assert.Equal(["Accept", "X-Ankra-Trace"], request.Headers.NonValidated.Select(header => header.Key).Order(StringComparer.Ordinal));
    }
}
