namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// The settings one command runs with, resolved in the documented order: flag, then config file, then
/// environment (<c>ANKRA_API_TOKEN</c>, <c>ANKRA_BASE_URL</c>, <c>ANKRA_ORG</c>).
/// </summary>
internal sealed class CliSettings
{
    public const string DefaultBaseUrl = "https://platform.ankra.app";

    public required AnkraConfigFile ConfigFile { get; init; }

    public string? Token { get; init; }

    public required string BaseUrl { get; init; }

    public string? Organisation { get; init; }

    /// <summary>PEM file of a private CA the API's certificate chains to (self-hosted control planes).</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>True when <c>--config</c> named the file (the exec plugin entry must repeat it).</summary>
    public bool ConfigPathGiven { get; init; }

    /// <summary>True when <c>--base-url</c> was given on the command line.</summary>
    public bool BaseUrlGiven { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public static CliSettings Resolve(
        string? tokenFlag, string? baseUrlFlag, string? orgFlag, string? configFlag, string? certificateAuthorityFlag,
        IReadOnlyDictionary<string, string> environment)
    {
        var file = AnkraConfigFile.Load(configFlag ?? AnkraConfigFile.DefaultPath(environment));
        string? FromEnvironment(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        return new CliSettings
        {
            ConfigFile = file,
            Token = tokenFlag ?? file.Get(AnkraConfigFile.TokenKey) ?? FromEnvironment("ANKRA_API_TOKEN"),
            BaseUrl = (baseUrlFlag ?? file.Get(AnkraConfigFile.BaseUrlKey) ?? FromEnvironment("ANKRA_BASE_URL") ?? DefaultBaseUrl).TrimEnd('/'),
            Organisation = orgFlag ?? file.Get(AnkraConfigFile.OrganisationKey) ?? FromEnvironment("ANKRA_ORG"),
            CertificateAuthority = certificateAuthorityFlag is null
                ? file.Get(AnkraConfigFile.CertificateAuthorityKey)
                : Path.GetFullPath(certificateAuthorityFlag),
            ConfigPathGiven = configFlag is not null,
            BaseUrlGiven = baseUrlFlag is not null,
            Environment = environment,
        };
    }

    public string RequireToken() =>
        Token ?? throw new CliException(ExitCodes.Authentication,
            "You are not logged in: run `ankra login` (or `ankra login --token <api token>`, or set ANKRA_API_TOKEN).");
}
