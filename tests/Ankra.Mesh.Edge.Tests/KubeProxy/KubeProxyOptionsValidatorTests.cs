using Ankra.Mesh.Edge.KubeProxy;
using Ankra.Mesh.Tunnel;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Tests.KubeProxy;

/// <summary>The edge refuses caps that contradict the layering, naming the settings.</summary>
public sealed class KubeProxyOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_TunnelHoldsBothPoolsOfACluster()
    {
        var tunnel = new TunnelOptions();
        var proxy = new KubeProxyOptions();

        var result = new KubeProxyOptionsValidator(Options.Create(tunnel)).Validate(null, proxy);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(tunnel.MaxConcurrentStreamsPerSession >= proxy.MaxQuickRequestsPerCluster + proxy.MaxLongLivedRequestsPerCluster);
        Assert.True(proxy.MaxLongLivedRequestsPerUser <= proxy.MaxLongLivedRequestsPerCluster && proxy.MaxQuickRequestsPerUser <= proxy.MaxQuickRequestsPerCluster);
    }

    [Fact]
    public void Validate_TunnelCapBelowTheClusterPools_NamesTheSettings()
    {
        var proxy = new KubeProxyOptions { MaxQuickRequestsPerCluster = 100, MaxLongLivedRequestsPerCluster = 400 };

        var result = new KubeProxyOptionsValidator(Options.Create(new TunnelOptions { MaxConcurrentStreamsPerSession = 499 })).Validate(null, proxy);

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Tunnel:MaxConcurrentStreamsPerSession (499)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Mesh:KubeProxy:MaxLongLivedRequestsPerCluster (500)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(KubeProxyOptions.MaxQuickRequestsPerUser))]
    [InlineData(nameof(KubeProxyOptions.MaxLongLivedRequestsPerUser))]
    [InlineData(nameof(KubeProxyOptions.MaxQuickRequestsPerCluster))]
    [InlineData(nameof(KubeProxyOptions.MaxLongLivedRequestsPerCluster))]
    public void Validate_CapBelowOne_NamesIt(string setting)
    {
        var proxy = new KubeProxyOptions();
        typeof(KubeProxyOptions).GetProperty(setting)!.SetValue(proxy, 0);

        var result = new KubeProxyOptionsValidator(Options.Create(new TunnelOptions())).Validate(null, proxy);

        Assert.True(result.Failed);
        Assert.Contains($"Mesh:KubeProxy:{setting} must be at least 1", result.FailureMessage, StringComparison.Ordinal);
    }
}
