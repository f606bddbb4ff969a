using YamlDotNet.Serialization;

namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// <c>~/.ankra.yaml</c>: the saved API token, base URL, organisation and selected cluster. Keys this
/// version does not know are kept as they are, so an older or newer CLI never loses the other's settings.
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

    private readonly Dictionary<string, object?> _values;

    private AnkraConfigFile(string path, Dictionary<string, object?> values)
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
        try
        {
            var values = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(File.ReadAllText(path));
            return new AnkraConfigFile(path, values ?? []);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new CliException(ExitCodes.Failure,
                $"{path} is not valid YAML ({exception.Start}): fix or delete it, then run `ankra login` again.");
        }
    }

    public string? Get(string key) =>
        _values.TryGetValue(key, out var value) && value is not null && value.ToString() is { Length: > 0 } text ? text : null;

    public void Set(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    public void Save() => AtomicFile.Write(Path, new SerializerBuilder().Build().Serialize(_values));
}
