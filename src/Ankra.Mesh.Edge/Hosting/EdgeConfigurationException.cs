namespace Ankra.Mesh.Edge.Hosting;

/// <summary>A configuration the edge cannot run with; <c>Program</c> prints its message and exits with code 2, no stack trace.</summary>
internal sealed class EdgeConfigurationException(string message) : Exception(message);
