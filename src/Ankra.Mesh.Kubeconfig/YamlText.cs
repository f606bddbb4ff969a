using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>
/// Writes a YAML node tree as text. We build YAML as YamlDotNet's representation model rather than with its
/// object serializer, because that serializer works by reflection, which the Native AOT <c>ankra</c> binary lacks.
/// </summary>
public static class YamlText
{
    public static string Serialize(YamlNode root)
    {
        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter();
        // No line width: a long value (a JWT, a base64 CA) is never folded over lines.
        stream.Save(new Emitter(writer, bestIndent: 2, bestWidth: int.MaxValue), assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends documents with "...": harmless, but kubeconfigs and our config file conventionally do not.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
