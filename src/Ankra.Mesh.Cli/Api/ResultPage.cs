namespace Ankra.Mesh.Cli.Api;

/// <summary>The user API's collection envelope: <c>{"result": [...], "pagination": {...}}</c>.</summary>
internal sealed record ResultPage<T>(IReadOnlyList<T> Result, Pagination? Pagination);
