using Ankra.Mesh.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Registration;

/// <summary>The cluster's registration token, read fresh each time (a rotated Secret takes effect without a restart).</summary>
internal sealed class RegistrationToken(IOptions<AgentOptions> options)
{
    public string Read()
    {
        var configured = options.Value;
        var token = configured.RegistrationTokenFile is { } file ? File.ReadAllText(file).Trim() : configured.RegistrationToken?.Trim();
        return string.IsNullOrEmpty(token)
            ? throw new InvalidOperationException("The registration token is empty; check Mesh:Agent:RegistrationToken(File).")
            : token;
    }

    /// <summary>gRPC metadata that authenticates agent calls.</summary>
    public Grpc.Core.Metadata Headers() => new() { { "authorization", $"Bearer {Read()}" } };
}
