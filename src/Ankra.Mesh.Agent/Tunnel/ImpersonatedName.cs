namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// What the agent accepts as a name it impersonates or writes into a binding subject. Kubernetes allows any
/// string as a user name, but the name travels as an HTTP header value (<c>Impersonate-User</c>) and the edge
/// only ever sends a member's email, so the agent holds it to what an email can be: visible ASCII, no comma
/// (a list separator to HTTP), and never the <c>system:</c> prefix Kubernetes reserves for its own identities.
/// </summary>
internal static class ImpersonatedName
{
    /// <summary>Longest accepted name: an email is at most 254 characters.</summary>
    public const int MaxLength = 254;

    /// <summary>Why <paramref name="name"/> cannot be impersonated (a sentence tail), or null when it can.</summary>
    public static string? Problem(string name) =>
        string.IsNullOrEmpty(name) ? "is empty"
        : name.Length > MaxLength ? $"is longer than {MaxLength} characters"
        : !IsHeaderSafe(name) ? "holds a character that is not visible ASCII, or a comma"
        : name.StartsWith("system:", StringComparison.Ordinal) ? "starts with the reserved prefix system:"
        : null;

    /// <summary>True when every character is visible ASCII (0x21–0x7E) other than a comma; true for an empty value.</summary>
    public static bool IsHeaderSafe(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~' or ',')
            {
                return false;
            }
        }

        return true;
    }
}
