using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Hosting.Silo;

/// <summary>Says loudly, at start-up, that the embedded default keeps everything in memory.</summary>
internal sealed class NotDurableWarning(ILogger<NotDurableWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        SiloHostingLog.NotDurable(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
