using Orleans.TestingHost;

namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>One in-process Orleans test silo (<see cref="TestSiloConfigurator"/>) shared by the grain-rule tests.</summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public IGrainFactory Grains => _cluster?.GrainFactory ?? throw new InvalidOperationException("not started");

    internal FaultyGrainStorage Storage => FaultyGrainStorage.Instance ?? throw new InvalidOperationException("the silo has not created its storage yet");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync().WaitAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await _cluster.DisposeAsync();
        }
    }
}
