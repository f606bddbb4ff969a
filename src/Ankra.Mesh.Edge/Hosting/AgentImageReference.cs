using System.Text.RegularExpressions;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// The shape of an OCI image reference with a tag or a digest (distribution's reference grammar, simplified):
/// the served install manifests must name an image a kubelet can pull, never a bare repository (which means
/// <c>:latest</c> and changes under a running fleet).
/// </summary>
internal static partial class AgentImageReference
{
    public static bool IsValid(string? image) => image is { Length: > 0 and <= 512 } && Pattern().IsMatch(image);

    [GeneratedRegex(@"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$")]
    private static partial Regex Pattern();
}
