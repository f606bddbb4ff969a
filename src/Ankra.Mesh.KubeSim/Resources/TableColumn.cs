namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>One <c>columnDefinitions</c> entry of a <c>meta.k8s.io/v1 Table</c>; priority 1 shows only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0);
