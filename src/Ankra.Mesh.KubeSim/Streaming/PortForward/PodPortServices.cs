namespace Ankra.Mesh.KubeSim.Streaming.PortForward;

/// <summary>
/// Which simulated service answers on a pod port: <see cref="HttpPort"/> (8080) runs
/// <see cref="HttpPortService"/>, every other port the pod declares runs <see cref="EchoPortService"/>,
/// and a port the pod does not declare refuses the connection (like an unbound port in a real pod).
/// </summary>
internal static class PodPortServices
{
    /// <summary>The port the HTTP service listens on when the pod declares it.</summary>
    public const int HttpPort = 8080;

    /// <summary>The service on <paramref name="port"/>, or null when nothing listens there.</summary>
    public static IPodPortService? Resolve(StreamingPod pod, int port)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (!pod.Ports.Contains(port))
        {
            return null;
        }

        return port == HttpPort ? new HttpPortService(pod, port) : EchoPortService.Instance;
    }

    /// <summary>The error text for a port nothing listens on, worded like the container runtime's.</summary>
    public static string Refused(StreamingPod pod, int port)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return $"error forwarding port {port} to pod {pod.Namespace}/{pod.Name}, uid : failed to execute portforward in network namespace: "
            + $"failed to connect to localhost:{port} inside namespace \"{pod.Namespace}/{pod.Name}\", "
            + $"IPv4: dial tcp4 127.0.0.1:{port}: connect: connection refused IPv6 dial tcp6 [::1]:{port}: connect: connection refused ";
    }
}
