namespace Ankra.Mesh.DevIdp;

/// <summary>A demo user: the email is what the relying party identifies people by.</summary>
internal sealed class DevIdpUser
{
    /// <summary>Email (the sign-in name).</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Password typed into the sign-in form.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Whether the id token says the email is verified. False lets tests show that a relying party refuses
    /// unverified emails, as it must with a real IdP where anyone can type any address.
    /// </summary>
    public bool EmailVerified { get; set; } = true;

    /// <summary>The stable subject: derived from the email, so it survives restarts of the IdP.</summary>
    public string Subject => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Email.ToLowerInvariant())))[..32];
}
