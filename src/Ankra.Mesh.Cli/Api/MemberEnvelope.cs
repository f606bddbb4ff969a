namespace Ankra.Mesh.Cli.Api;

/// <summary>The answer to adding a member: <c>{"member": {...}}</c>.</summary>
internal sealed record MemberEnvelope(MemberInfo Member);
