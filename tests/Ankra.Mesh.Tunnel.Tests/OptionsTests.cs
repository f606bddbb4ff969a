using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Tunnel.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("ChunkSize", "2097152", "Mesh:Tunnel:ChunkSize")]
    [InlineData("WindowSize", "1000", "Mesh:Tunnel:WindowSize")]
    [InlineData("IdleTimeout", "00:00:01", "Mesh:Tunnel:IdleTimeout")]
    [InlineData("MaxConcurrentStreamsPerSession", "0", "Mesh:Tunnel:MaxConcurrentStreamsPerSession")]
    [InlineData("MaxHeaderBytes", "10", "Mesh:Tunnel:MaxHeaderBytes")]
    public async Task StartHost_InvalidSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Mesh:Tunnel:{key}"] = value });
        builder.Services.AddMeshTunnelOptions(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mesh")]
    [InlineData("other")]
    public async Task StartHost_RemovedSubjectRoot_FailsSayingItWasRemoved(string value)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Mesh:Tunnel:SubjectRoot"] = value });
        builder.Services.AddMeshTunnelOptions(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("Mesh:Tunnel:SubjectRoot was removed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'mesh'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_Defaults_AreValid()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMeshTunnelOptions(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(TunnelOptions.SectionName, "Mesh:Tunnel");
        Assert.True(host.Services.GetRequiredService<IOptions<TunnelOptions>>().Value.ChunkSize < 1024 * 1024 / 4);
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a*")]
    [InlineData(">")]
    [InlineData("Upper")]
    [InlineData("")]
    [InlineData("with space")]
    public void Target_IdentifierThatCouldInjectSubjects_IsRejected(string id)
    {
        Assert.False(SubjectToken.IsValid(id));
        Assert.Throws<ArgumentException>(() => new TunnelTarget(id));
    }
}
