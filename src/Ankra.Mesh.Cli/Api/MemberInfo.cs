namespace Ankra.Mesh.Cli.Api;

/// <summary>An organisation member as the user API returns it.</summary>
internal sealed record MemberInfo(string UserId, string Email, string Role, DateTimeOffset? CreatedAt);
