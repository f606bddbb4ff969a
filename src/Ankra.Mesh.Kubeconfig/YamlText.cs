using System.Collections.Frozen;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>
/// Writes a YAML node tree as text. We build YAML as YamlDotNet's representation model rather than with its
/// object serializer, because that serializer works by reflection, which the Native AOT <c>ankra</c> binary lacks.
/// </summary>
public static class YamlText
{
    // Plain words a YAML 1.1 reader (kubectl's, and most tools') takes as a boolean or null rather than a string.
    private static readonly FrozenSet<string> NonStringWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "", "~", "null", "true", "false", "yes", "no", "y", "n", "on", "off");

    /// <summary>
    /// A string value that reads back as the same string: written plain where that is unambiguous, double-quoted where
    /// a YAML reader would take the plain form for something else — a boolean or null word, or anything that starts
    /// like a number or a timestamp (<c>123</c>, <c>-1</c>, <c>.5</c>, <c>2026-11-30</c>). YamlDotNet's emitter only
    /// quotes what cannot be written plain at all, so <c>"123"</c> would otherwise come back as a number.
    /// </summary>
    public static YamlScalarNode String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ambiguous = NonStringWords.Contains(value) || char.IsAsciiDigit(value[0]) || value[0] is '+' or '-' or '.';
        return new YamlScalarNode(value) { Style = ambiguous ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

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
