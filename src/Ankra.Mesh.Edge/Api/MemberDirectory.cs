using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Finds an organisation member by email (grants and tokens are only ever for members).</summary>
internal static class MemberDirectory
{
    public static async Task<MemberInfo?> FindByEmailAsync(IGrainFactory grains, string organisationId, string email)
    {
        var userId = await grains.GetGrain<IUserDirectoryGrain>(email).FindUserIdAsync();
        return userId is null ? null : await grains.GetGrain<IOrganisationGrain>(organisationId).GetMemberAsync(userId);
    }
}
