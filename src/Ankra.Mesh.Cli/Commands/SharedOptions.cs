using System.CommandLine;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>Options several commands share; each command adds the ones it uses.</summary>
internal static class SharedOptions
{
    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "Cluster name or id (overrides `ankra cluster select`)",
    };

    public static Option<string> Output() => new Option<string>("--output", "-o")
    {
        Description = "Output format: table, json or yaml",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json", "yaml");
}
