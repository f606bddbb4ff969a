using Ankra.Mesh.Kubeconfig;

namespace Ankra.Mesh.Cli.Kubeconfig;

/// <summary>Reads the user's kubeconfig for editing; a file we cannot edit is a failure that changes nothing.</summary>
internal static class KubeconfigFile
{
    public static KubeconfigDocument Load(string path)
    {
        try
        {
            return KubeconfigDocument.Load(path);
        }
        catch (KubeconfigFormatException exception)
        {
            throw new CliException(ExitCodes.Failure, $"{exception.Message}; nothing was changed.");
        }
    }
}
