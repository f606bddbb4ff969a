using Ankra.Mesh.Agent.Configuration;

namespace Ankra.Mesh.Agent.Tests.Configuration;

public sealed class AgentOptionsValidatorTests
{
    private readonly AgentOptionsValidator _validator = new();

    [Fact]
    public void Validate_CompleteSettings_Succeeds()
    {
        Assert.True(_validator.Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_NoRegistrationToken_NamesBothSettings()
    {
        var options = Valid();
        options.RegistrationToken = null;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Agent:RegistrationToken", result.FailureMessage);
        Assert.Contains("Mesh:Agent:RegistrationTokenFile", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("edge.example.com")]
    [InlineData("ftp://edge.example.com")]
    public void Validate_EdgeUrlNotHttp_NamesEdgeUrl(string edgeUrl)
    {
        var options = Valid();
        options.EdgeUrl = edgeUrl;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Agent:EdgeUrl", result.FailureMessage);
    }

    [Theory]
    [InlineData("Agent-1")]
    [InlineData("agent.1")]
    [InlineData("agent*")]
    [InlineData("-agent")]
    public void Validate_ReplicaIdThatCouldBreakASubject_NamesReplicaId(string replicaId)
    {
        var options = Valid();
        options.ReplicaId = replicaId;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Agent:ReplicaId", result.FailureMessage);
    }

    [Fact]
    public void Validate_ApiServerUrlWithoutCredentials_NamesTokenSettings()
    {
        var options = Valid();
        options.ApiServer.Token = null;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Agent:ApiServer:TokenFile", result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingCaFile_NamesTheFile()
    {
        var options = Valid();
        options.ApiServer.CaFile = "/nonexistent/ca.crt";

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Agent:ApiServer:CaFile: /nonexistent/ca.crt does not exist", result.FailureMessage);
    }

    private static AgentOptions Valid() => new()
    {
        RegistrationToken = "reg-token",
        EdgeUrl = "https://edge.example.com",
        ReplicaId = "agent-0",
        ApiServer = new ApiServerOptions { Url = "https://127.0.0.1:6443", Token = "sa-token" },
    };
}
