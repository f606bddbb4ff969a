namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>POST /api/v1/tokens</c>; <c>user_email</c> issues the token for another member (admins only).</summary>
internal sealed record CreateTokenRequest(string Name, int? ExpiresInDays, string? UserEmail);
