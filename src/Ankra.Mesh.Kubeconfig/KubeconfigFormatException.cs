namespace Ankra.Mesh.Kubeconfig;

/// <summary>A kubeconfig file that cannot be edited: not YAML, or not a mapping at its top level.</summary>
public sealed class KubeconfigFormatException : Exception
{
    public KubeconfigFormatException()
    {
    }

    public KubeconfigFormatException(string message)
        : base(message)
    {
    }

    public KubeconfigFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
