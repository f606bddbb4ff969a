using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>One agent replica, checking in every second, so a fenced session notices at once.</summary>
public sealed class AgentRestartFixture : StackFixture
{
    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        EdgeSettings = new Dictionary<string, string> { ["Mesh:ControlPlane:CheckInInterval"] = "00:00:01" },
    };
}
