using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>
/// A stack whose agent reaches NATS only over WebSocket (wss), with NATS credentials that live 30 s, so
/// the agent renews them every 15 s while the tests run.
/// </summary>
public sealed class RenewingBusFixture : StackFixture
{
    public static readonly TimeSpan CredentialLifetime = TimeSpan.FromSeconds(30);

    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        AgentNatsOverWebSocket = true,
        EdgeSettings = new Dictionary<string, string> { ["Mesh:Nats:AgentCredentialLifetime"] = CredentialLifetime.ToString("c") },
    };
}
