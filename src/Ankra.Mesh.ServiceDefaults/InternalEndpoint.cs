namespace Ankra.Mesh.ServiceDefaults;

/// <summary>Endpoint metadata: served on the internal listener only (<see cref="MeshTelemetryOptions.InternalUrl"/>).</summary>
internal sealed class InternalEndpoint
{
    public static readonly InternalEndpoint Instance = new();

    private InternalEndpoint()
    {
    }
}
