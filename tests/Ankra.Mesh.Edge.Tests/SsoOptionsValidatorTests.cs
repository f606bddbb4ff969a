using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Sso;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Start-up refuses half an SSO configuration with the setting's name; none at all is valid (SSO is optional).</summary>
public sealed class SsoOptionsValidatorTests
{
    [Fact]
    public void Validate_NothingConfigured_Succeeds()
    {
        Assert.True(new SsoOptionsValidator().Validate(null, new SsoOptions()).Succeeded);
    }

    [Fact]
    public void Validate_Complete_Succeeds()
    {
        var options = new SsoOptions { Authority = "https://login.example.com/", ClientId = "mesh", ClientSecret = "s3cret" };
        Assert.True(new SsoOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("http://login.example.com/", "mesh", "s3cret", "Mesh:Sso:Authority")]
    [InlineData(null, "mesh", "s3cret", "Mesh:Sso:Authority")]
    [InlineData("https://login.example.com/", null, "s3cret", "Mesh:Sso:ClientId")]
    [InlineData("https://login.example.com/", "mesh", null, "Mesh:Sso:ClientSecret")]
    public void Validate_Incomplete_FailsNamingTheSetting(string? authority, string? clientId, string? secret, string setting)
    {
        var result = new SsoOptionsValidator().Validate(null, new SsoOptions { Authority = authority, ClientId = clientId, ClientSecret = secret });

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build-01", "alice.smith@example.com", "ankra-cli-build-01-alice-smith")]
    [InlineData("Bob's MacBook Pro", "bob@example.com", "ankra-cli-bob-s-macbook-pro-bob")]
    [InlineData("", "x@example.com", "ankra-cli-machine-x")]
    public void TokenName_AnyMachineAndEmail_IsAnkraCliHostUser(string machine, string email, string expected)
    {
        Assert.Equal(expected, CliLoginEndpoints.TokenName(machine, email));
    }
}
