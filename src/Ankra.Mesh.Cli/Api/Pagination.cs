namespace Ankra.Mesh.Cli.Api;

/// <summary>Page position of a collection response.</summary>
internal sealed record Pagination(int Page, int TotalPages);
