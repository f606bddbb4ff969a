using System.Collections;
using System.CommandLine;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>What a command's action works with: resolved settings, the API client, and stdout/stderr.</summary>
internal sealed class CommandContext : IDisposable
{
    private AnkraApiClient? _api;

    private CommandContext(ParseResult parseResult, CliSettings settings)
    {
        ParseResult = parseResult;
        Settings = settings;
    }

    public ParseResult ParseResult { get; }

    public CliSettings Settings { get; }

    public TextWriter Out { get; } = Console.Out;

    public TextWriter Error { get; } = Console.Error;

    /// <summary>The API client, created on first use (commands that only edit files never need a token).</summary>
    public AnkraApiClient Api => _api ??= new AnkraApiClient(Settings.BaseUrl, Settings.RequireToken(), Settings.Organisation, Settings.CertificateAuthority);

    public static CommandContext Create(ParseResult parseResult)
    {
        var environment = System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "");
        var settings = CliSettings.Resolve(
            parseResult.GetValue(GlobalOptions.Token),
            parseResult.GetValue(GlobalOptions.BaseUrl),
            parseResult.GetValue(GlobalOptions.Organisation),
            parseResult.GetValue(GlobalOptions.Config),
            parseResult.GetValue(GlobalOptions.CertificateAuthority),
            environment);
        return new CommandContext(parseResult, settings);
    }

    public void Dispose() => _api?.Dispose();
}
