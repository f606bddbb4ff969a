using System.Text.RegularExpressions;
using Ankra.Mesh.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// Who this replica is: the configured id, else the pod name (downward API <c>POD_NAME</c>), else the host
/// name — lower-cased and reduced to [a-z0-9-] because it becomes part of NATS subjects and session ids.
/// </summary>
internal sealed partial class ReplicaIdentity(IOptions<AgentOptions> options)
{
    public string ReplicaId { get; } = options.Value.ReplicaId ?? Sanitize(Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName);

    public static string AgentVersion { get; } =
        typeof(ReplicaIdentity).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static string Sanitize(string name)
    {
        var cleaned = NotAllowed().Replace(name.ToLowerInvariant(), "-").Trim('-');
        cleaned = cleaned.Length > 63 ? cleaned[..63].TrimEnd('-') : cleaned;
        return cleaned.Length == 0 ? "agent" : cleaned;
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotAllowed();
}
