using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Kubeconfig.Tests;

/// <summary>A string written by <see cref="YamlText.String"/> reads back as that string, and stays plain where it can.</summary>
public sealed class YamlTextTests
{
    [Theory]
    [InlineData("123")]
    [InlineData("0x1F")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("2026-11-30")]
    [InlineData("true")]
    [InlineData("Yes")]
    [InlineData("off")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    public void String_ReadAsAnotherTypeWhenPlain_DoubleQuoted(string value) =>
        Assert.Equal($"v: \"{value}\"\n", Write(value));

    [Theory]
    [InlineData("demo")]
    [InlineData("web-0")]
    [InlineData("alice@example.com")]
    [InlineData("https://mesh.example.test/api")]
    public void String_UnambiguousWord_Plain(string value) => Assert.Equal($"v: {value}\n", Write(value));

    private static string Write(string value) => YamlText.Serialize(new YamlMappingNode { { "v", YamlText.String(value) } });
}
