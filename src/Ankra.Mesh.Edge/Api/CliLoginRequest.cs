namespace Ankra.Mesh.Edge.Api;

/// <summary>Category of the CLI login's log lines (a type of its own: <see cref="CliLoginEndpoints"/> is static).</summary>
internal sealed class CliLoginRequest;
