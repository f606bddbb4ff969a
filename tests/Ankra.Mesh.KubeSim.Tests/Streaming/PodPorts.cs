namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>The ports the interim test pod declares.</summary>
internal static class PodPorts
{
    /// <summary>Served by the pod's HTTP service.</summary>
    public const int Http = 8080;

    /// <summary>Served by the pod's echo service.</summary>
    public const int Echo = 9000;
}
