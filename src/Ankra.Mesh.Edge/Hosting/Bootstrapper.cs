using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>Creates (idempotently) the first organisation and admin, and issues an admin API token.</summary>
internal sealed class Bootstrapper(IGrainFactory grains, ApiTokenService tokens)
{
    public async Task<ApiOutcome<(string OrganisationId, string Token)>> RunAsync(string? organisation, string? adminEmail)
    {
        if (string.IsNullOrWhiteSpace(organisation) || organisation.Length > 100)
        {
            return ApiFailure.BadRequest("--org (Mesh:Bootstrap:Organisation) must be a name of 1-100 characters");
        }

        var email = InputRules.Email(adminEmail, "--admin-email (Mesh:Bootstrap:AdminEmail)");
        if (email.Failure is not null)
        {
            return email.Failure;
        }

        var organisationId = await grains.GetGrain<IBootstrapGrain>(organisation.Trim()).EnsureOrganisationAsync(email.Value!);
        var userId = await grains.GetGrain<IUserDirectoryGrain>(email.Value!).GetOrCreateUserIdAsync();
        var (_, token) = await tokens.CreateAsync(userId, "bootstrap", 365);
        return (organisationId, token);
    }

    /// <summary>Writes the token readable by the owner only.</summary>
    public static async Task WriteTokenFileAsync(string path, string token, CancellationToken cancellationToken = default)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an existing file is narrowed explicitly.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
