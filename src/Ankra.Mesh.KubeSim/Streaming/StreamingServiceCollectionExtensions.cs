using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>Registers the streaming protocols (exec, attach, port-forward) of the simulated API server.</summary>
internal static class StreamingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PodStreamingHandler"/> and what it needs.</summary>
    public static IServiceCollection AddKubeSimStreaming(this IServiceCollection services)
    {
        services.AddSingleton<StreamingSessions>();
        services.AddSingleton<PodStreamingHandler>();
        return services;
    }
}
