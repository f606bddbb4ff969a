using Ankra.Mesh.Kubeconfig;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// <c>~/.ankra.yaml</c>: the saved API token, base URL, organisation and selected cluster. Keys this
/// version does not know are kept as they are, so an older or newer CLI never loses the other's settings.
/// Held as a YAML node tree: YamlDotNet's object (de)serializer needs reflection, which Native AOT lacks.
/// </summary>
internal sealed class AnkraConfigFile
{
    public const string TokenKey = "token";
    public const string BaseUrlKey = "base-url";
    public const string TokenIdKey = "token_id";
    public const string TokenNameKey = "token_name";
    public const string OrganisationKey = "org";
    public const string SelectedClusterIdKey = "cluster_id";
    public const string SelectedClusterNameKey = "cluster_name";
    public const string CertificateAuthorityKey = "certificate-authority";

    private readonly YamlMappingNode _values;

    private AnkraConfigFile(string path, YamlMappingNode values)
    {
        Path = path;
        _values = values;
    }

    public string Path { get; }

    public static string DefaultPath(IReadOnlyDictionary<string, string> environment) =>
        System.IO.Path.Combine(Home(environment), ".ankra.yaml");

    public static string Home(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("HOME", out var home) && home.Length > 0
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>Reads the file (an absent file is an empty configuration) and tightens its mode to 0600.</summary>
    public static AnkraConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new AnkraConfigFile(path, []);
        }

        AtomicFile.TightenPermissions(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw Invalid(path, exception.Start);
        }

        return (stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode) switch
        {
            YamlMappingNode values => new AnkraConfigFile(path, values),
            null or YamlScalarNode { Value: null or "" } => new AnkraConfigFile(path, []),
            var other => throw Invalid(path, other.Start),
        };
    }

    public string? Get(string key) =>
        _values.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;

    public void Set(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _values.Children.Remove(new YamlScalarNode(key));
        }
        else
        {
            _values.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
        }
    }

    public void Save()
    {
        // Block style, and "{}" when empty, as the file has always been written.
        _values.Style = _values.Children.Count == 0 ? MappingStyle.Flow : MappingStyle.Any;
        AtomicFile.Write(Path, YamlText.Serialize(_values));
    }

    private static CliException Invalid(string path, YamlDotNet.Core.Mark position) =>
        new(ExitCodes.Failure, $"{path} is not valid YAML ({position}): fix or delete it, then run `ankra login` again.");
}
