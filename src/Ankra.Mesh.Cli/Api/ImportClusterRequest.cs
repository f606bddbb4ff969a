namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>POST /api/v1/clusters</c>.</summary>
internal sealed record ImportClusterRequest(string Name, string Kind);
