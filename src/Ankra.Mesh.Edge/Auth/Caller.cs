using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Auth;

/// <summary>An authenticated user of the REST API or TokenService, in one effective organisation.</summary>
internal sealed record Caller(UserInfo User, string TokenId, string? OrganisationId, string? Role)
{
    public string UserId => User.Id;

    public bool IsAdmin => Role == AccessVocabulary.RoleAdmin;
}
