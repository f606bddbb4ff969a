namespace Ankra.Mesh.Cli.Api;

/// <summary>The answer to creating a grant: <c>{"grant": {...}}</c>.</summary>
internal sealed record GrantEnvelope(GrantInfo Grant);
