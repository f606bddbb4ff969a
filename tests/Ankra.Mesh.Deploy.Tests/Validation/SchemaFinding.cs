namespace Ankra.Mesh.Deploy.Tests.Validation;

/// <summary>
/// What one check said about one object: <paramref name="Check"/> is "schema" (types, formats, enums, required
/// fields, per <paramref name="KubernetesVersion"/>) or "unknown-fields" (fields the 1.27 schema lacks).
/// </summary>
internal sealed record SchemaFinding(int Index, string KubernetesVersion, string Check, IReadOnlyList<string> Errors);
