using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig;

/// <summary>Writing the document, and the scalar styles that keep what kubectl reads back the same.</summary>
public sealed partial class KubeconfigDocument
{
    /// <summary>
    /// The kubeconfig as YAML. Every value scalar we created without a style (a server URL, a token, a
    /// namespace, a cluster name) is written double-quoted: kubectl reads kubeconfigs with a YAML 1.1 reader,
    /// where a plain <c>123</c>, <c>true</c>, <c>yes</c> or <c>null</c> — all valid namespace names — is not a
    /// string, and the file would fail to load. Keys, values we marked plain (<c>true</c>, <c>v1</c>) and
    /// everything read from an existing file keep their style.
    /// </summary>
    public string Serialize()
    {
        QuoteUnstyledValues(_root);
        return YamlText.Serialize(_root);
    }

    /// <summary>A scalar written as is: for booleans and for values that are plain words in every kubeconfig (<c>v1</c>, <c>Config</c>).</summary>
    public static YamlScalarNode Plain(string value) => new(value) { Style = ScalarStyle.Plain };

    /// <summary>A boolean field (<c>insecure-skip-tls-verify</c>, <c>provideClusterInfo</c>).</summary>
    public static YamlScalarNode Boolean(bool value) => Plain(value ? "true" : "false");

    private static void QuoteUnstyledValues(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var value in mapping.Children.Values)
                {
                    QuoteUnstyledValues(value);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    QuoteUnstyledValues(item);
                }

                break;
            case YamlScalarNode { Style: ScalarStyle.Any } scalar:
                scalar.Style = ScalarStyle.DoubleQuoted;
                break;
        }
    }
}
