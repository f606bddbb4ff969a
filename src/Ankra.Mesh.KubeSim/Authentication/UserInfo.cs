namespace Ankra.Mesh.KubeSim.Authentication;

/// <summary>An authenticated (or impersonated) identity, as Kubernetes' <c>user.Info</c>.</summary>
/// <param name="Name">The user name (<c>system:serviceaccount:ns:name</c> for service accounts).</param>
/// <param name="Uid">The uid, empty when unknown.</param>
/// <param name="Groups">Groups, including <c>system:authenticated</c>.</param>
/// <param name="Extra">Extra attributes (<c>Impersonate-Extra-*</c>), keys lower-case.</param>
public sealed record UserInfo(
    string Name,
    string Uid,
    IReadOnlyList<string> Groups,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    /// <summary>The group every authenticated identity has.</summary>
    public const string Authenticated = "system:authenticated";

    /// <summary>Builds a user with <c>system:authenticated</c> added to its groups.</summary>
    public static UserInfo Create(string name, IEnumerable<string>? groups = null) =>
        new(name, string.Empty, WithAuthenticated(groups ?? []), new Dictionary<string, IReadOnlyList<string>>());

    internal static IReadOnlyList<string> WithAuthenticated(IEnumerable<string> groups)
    {
        var list = groups.ToList();
        if (!list.Contains(Authenticated))
        {
            list.Add(Authenticated);
        }

        return list;
    }
}
