using Ankra.Mesh.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>
/// The test silo: the real grains with <see cref="FaultyGrainStorage"/> as the <c>mesh</c> provider and
/// <see cref="RecordingAccessEvents"/> instead of NATS. Session times are short so expiry tests wait
/// seconds, and generous enough that back-to-back calls never see a cluster go offline.
/// </summary>
internal sealed class TestSiloConfigurator : ISiloConfigurator
{
    public static readonly TimeSpan SessionExpiry = TimeSpan.FromSeconds(4);

    public const int MaxSessionsPerCluster = 8;

    public void Configure(ISiloBuilder siloBuilder)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(MeshStorage.Name, (services, _) => FaultyGrainStorage.Create(services));
        siloBuilder.Services.AddSingleton<IAccessEventPublisher>(RecordingAccessEvents.Instance);
        siloBuilder.Services.AddOptions<ControlPlaneOptions>().Configure(o =>
        {
            o.CheckInInterval = TimeSpan.FromSeconds(1);
            o.OfflineAfter = SessionExpiry;
            o.SessionExpiry = SessionExpiry;
            o.MaxSessionsPerCluster = MaxSessionsPerCluster;
        });
    }
}
