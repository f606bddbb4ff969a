using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Cli.Output;

/// <summary>
/// Writes a YAML node tree as text. The CLI builds YAML as YamlDotNet's representation model rather than
/// with its object serializer, because that serializer works by reflection, which the Native AOT binary lacks.
/// </summary>
internal static class YamlText
{
    public static string Serialize(YamlNode root)
    {
        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends documents with "...": harmless, but kubeconfigs and our config file conventionally do not.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
