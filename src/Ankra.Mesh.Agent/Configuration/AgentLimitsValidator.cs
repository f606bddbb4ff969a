using Ankra.Mesh.Tunnel;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Configuration;

/// <summary>
/// Refuses caps that contradict each other: the tunnel counts every stream of a session in one number, so it must
/// hold the agent's quick and long-lived pools together — lower, and a flood of watches would fill it and refuse the
/// quick requests the separate pools keep room for.
/// </summary>
internal sealed class AgentLimitsValidator(IOptions<TunnelOptions> tunnel) : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var streams = tunnel.Value.MaxConcurrentStreamsPerSession;
        var pools = (long)options.MaxConcurrentUnaryRequests + options.MaxConcurrentStreamingRequests;
        return streams >= pools
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{TunnelOptions.SectionName}:MaxConcurrentStreamsPerSession ({streams}) must be at least Mesh:Agent:MaxConcurrentUnaryRequests + " +
                $"Mesh:Agent:MaxConcurrentStreamingRequests ({pools}), or watches could take the quick requests' room in the tunnel; raise it or lower those.");
    }
}
