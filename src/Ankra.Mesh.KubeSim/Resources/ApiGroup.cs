namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>An API group and the versions it serves, preferred first.</summary>
internal sealed record ApiGroup(string Name, IReadOnlyList<string> Versions);
