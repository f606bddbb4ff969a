namespace Ankra.Mesh.Hosting;

/// <summary>
/// How many silo gateways this Orleans client is connected to, as Orleans reports it. An edge in AdoNet mode uses it
/// for readiness and to refuse a kube request at once, instead of letting a grain call wait for a silo that is gone.
/// In the embedded mode nothing reports, and the co-hosted silo counts as connected.
/// </summary>
public sealed class OrleansGatewayStatus : IClusterConnectionStatusObserver
{
    // Unknown until Orleans first reports: the client only finishes starting once it reached a gateway.
    private int _connected = -1;

    /// <summary>False once Orleans reported that no gateway is connected, until one is again.</summary>
    public bool IsConnected => Volatile.Read(ref _connected) != 0;

    /// <summary>Connected gateways (-1 before Orleans first reported a number).</summary>
    public int ConnectedGateways => Volatile.Read(ref _connected);

    /// <inheritdoc />
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref _connected, currentNumberOfGateways);

    /// <inheritdoc />
    public void NotifyClusterConnectionLost() => Volatile.Write(ref _connected, 0);
}
