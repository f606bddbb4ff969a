namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>POST /api/v1/organisation/members</c>.</summary>
internal sealed record AddMemberRequest(string Email, string Role);
