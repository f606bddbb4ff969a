namespace Ankra.Mesh.Cli;

/// <summary>A failure with a message for the user and the exit code it maps to; never shown with a stack trace.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
