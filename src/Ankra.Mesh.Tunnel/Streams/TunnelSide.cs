namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>Which end of the tunnel an endpoint is.</summary>
internal enum TunnelSide
{
    /// <summary>The gateway: opens streams on behalf of kubectl.</summary>
    Edge,

    /// <summary>The in-cluster agent: serves streams against the API server.</summary>
    Agent,
}
