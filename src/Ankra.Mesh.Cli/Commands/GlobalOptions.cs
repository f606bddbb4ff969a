using System.CommandLine;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>Options every command accepts (declared once on the root, inherited by subcommands).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Token = new("--token")
    {
        Description = "API token for this call (overrides the config file and ANKRA_API_TOKEN)",
        Recursive = true,
    };

    public static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = "Ankra API base URL (overrides the config file and ANKRA_BASE_URL)",
        Recursive = true,
    };

    public static readonly Option<string?> Organisation = new("--org")
    {
        Description = "Organisation id to act in (overrides the config file and ANKRA_ORG)",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Config file to use instead of ~/.ankra.yaml",
        Recursive = true,
    };

    public static readonly Option<string?> CertificateAuthority = new("--certificate-authority")
    {
        Description = "PEM file of a private CA that signs the API's certificate (saved by `ankra login`)",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(CertificateAuthority);
        root.Options.Add(Token);
        root.Options.Add(BaseUrl);
        root.Options.Add(Organisation);
        root.Options.Add(Config);
    }
}
