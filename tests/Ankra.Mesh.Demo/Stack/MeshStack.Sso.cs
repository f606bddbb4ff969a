using System.Diagnostics;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>The development identity provider and the edge's single sign-on settings that point at it.</summary>
public sealed partial class MeshStack
{
    private const string SsoClientId = "ankra-mesh";

    /// <summary>The identity provider's process, when <see cref="MeshStackOptions.IdentityProvider"/> is set.</summary>
    public ChildProcess? IdentityProvider { get; private set; }

    /// <summary>The identity provider's issuer URL (HTTPS on loopback with the stack's CA).</summary>
    public string IdentityProviderUrl { get; private set; } = "";

    /// <summary>The portal's address.</summary>
    public string PortalUrl => $"{EdgeUrl}/portal";

    /// <summary>Starts the identity provider for an edge at <paramref name="edgeUrl"/>; returns the edge's <c>Mesh:Sso</c> settings.</summary>
    private async Task<Dictionary<string, string>> StartIdentityProviderAsync(string edgeUrl, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        IdentityProviderUrl = $"https://127.0.0.1:{port}/";
        var secret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var settings = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Https:Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Certificates.CertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Certificates.KeyPath,
            ["DevIdp:Issuer"] = IdentityProviderUrl,
            ["DevIdp:Clients:0:ClientId"] = SsoClientId,
            ["DevIdp:Clients:0:ClientSecret"] = secret,
            ["DevIdp:Clients:0:RedirectUris:0"] = $"{edgeUrl}/portal/signin-oidc",
        };
        for (var i = 0; i < _options.DemoUsers.Count; i++)
        {
            settings[$"DevIdp:Users:{i}:Email"] = _options.DemoUsers[i].Email;
            settings[$"DevIdp:Users:{i}:Password"] = _options.DemoUsers[i].Password;
        }

        IdentityProvider = Own(ChildProcess.Start("devidp", DevIdpStartInfo(settings), logFile: LogFile("devidp")));
        await IdentityProvider.WaitForLineAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), StartTimeout).WaitAsync(cancellationToken);
        return new Dictionary<string, string>
        {
            ["Mesh:Sso:Authority"] = IdentityProviderUrl,
            ["Mesh:Sso:ClientId"] = SsoClientId,
            ["Mesh:Sso:ClientSecret"] = secret,
            ["Mesh:Sso:CaFile"] = Certificates.CaPath,
            ["Mesh:Sso:DataProtectionKeysDirectory"] = Path.Combine(Directory, "edge-keys"),
        };
    }

    /// <summary>Invites the demo users marked <see cref="DemoUser.Invited"/> (after bootstrap, before anyone signs in).</summary>
    private async Task InviteDemoUsersAsync(CancellationToken cancellationToken)
    {
        foreach (var user in _options.DemoUsers.Where(u => u.Invited))
        {
            await AddMemberAsync(user.Email, cancellationToken);
        }
    }

    private static ProcessStartInfo DevIdpStartInfo(IReadOnlyDictionary<string, string> settings)
    {
        var dll = RepositoryPaths.Combine("tests", "Ankra.Mesh.DevIdp", "bin", MeshBinaries.Configuration, "net10.0", "Ankra.Mesh.DevIdp.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (`./mesh build`).");
        }

        var startInfo = new ProcessStartInfo("dotnet") { ArgumentList = { dll }, WorkingDirectory = Path.GetTempPath() };
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return startInfo;
    }
}
