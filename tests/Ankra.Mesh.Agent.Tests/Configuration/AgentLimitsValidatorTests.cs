using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Tunnel;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tests.Configuration;

/// <summary>The tunnel's per-session cap must hold the agent's two pools together, or watches could fill it.</summary>
public sealed class AgentLimitsValidatorTests
{
    [Fact]
    public void Validate_Defaults_TunnelHoldsBothPools()
    {
        var tunnel = new TunnelOptions();
        var agent = new AgentOptions();

        var result = new AgentLimitsValidator(Options.Create(tunnel)).Validate(null, agent);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(tunnel.MaxConcurrentStreamsPerSession >= agent.MaxConcurrentUnaryRequests + agent.MaxConcurrentStreamingRequests);
    }

    [Fact]
    public void Validate_TunnelBelowBothPools_NamesTheSettings()
    {
        var agent = new AgentOptions { MaxConcurrentUnaryRequests = 100, MaxConcurrentStreamingRequests = 500 };

        var result = new AgentLimitsValidator(Options.Create(new TunnelOptions { MaxConcurrentStreamsPerSession = 599 })).Validate(null, agent);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Tunnel:MaxConcurrentStreamsPerSession (599)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesh:Agent:MaxConcurrentUnaryRequests", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesh:Agent:MaxConcurrentStreamingRequests (600)", result.FailureMessage, StringComparison.Ordinal);
    }
}
