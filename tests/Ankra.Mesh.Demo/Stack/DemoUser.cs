namespace Ankra.Mesh.Demo.Stack;

/// <summary>A person of the development identity provider, and whether the stack invites them into its organisation.</summary>
/// <param name="Email">Sign-in name at the identity provider (verified there).</param>
/// <param name="Password">Password typed into its sign-in form.</param>
/// <param name="Invited">Added to the organisation as a member at start; the bootstrap admin is its admin anyway.</param>
public sealed record DemoUser(string Email, string Password, bool Invited)
{
    /// <summary>The one password of the demo users: the identity provider listens on loopback only.</summary>
    public const string DemoPassword = "demo-password";

    /// <summary>The admin, two invited members, and one person nobody invited.</summary>
    public static IReadOnlyList<DemoUser> Defaults { get; } =
    [
        new("admin@demo.local", DemoPassword, Invited: false),
        new("alice@demo.local", DemoPassword, Invited: true),
        new("bob@demo.local", DemoPassword, Invited: true),
        new("carol@elsewhere.local", DemoPassword, Invited: false),
    ];
}
