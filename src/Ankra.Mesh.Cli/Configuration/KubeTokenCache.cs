using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// kubectl runs the exec plugin for every command, and minting is rate limited per user, so a minted kube
/// token is reused for a few minutes (never close to its expiry). Entries live in
/// <c>$XDG_CACHE_HOME/ankra/kube-tokens</c> (else <c>~/.cache/…</c>), mode 0600, keyed by API URL,
/// organisation, cluster and a hash of the API token — another login never sees them.
/// </summary>
internal sealed class KubeTokenCache(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>How long a minted token is reused; bounds how long a token made stale by revoke-all is served.</summary>
    public static readonly TimeSpan ReuseWindow = TimeSpan.FromMinutes(5);

    /// <summary>A token closer than this to its expiry is never handed to kubectl.</summary>
    public static readonly TimeSpan MinimumRemaining = TimeSpan.FromMinutes(2);

    public string Folder => Path.Combine(
        environment.TryGetValue("XDG_CACHE_HOME", out var cache) && cache.Length > 0 ? cache : Path.Combine(AnkraConfigFile.Home(environment), ".cache"),
        "ankra", "kube-tokens");

    public CachedKubeToken? TryGet(string key, DateTimeOffset now)
    {
        var path = PathFor(key);
        try
        {
            var entry = JsonSerializer.Deserialize(File.ReadAllText(path), KubeTokenCacheJsonContext.Default.CachedKubeToken);
            return entry is { Token.Length: > 0 } && now - entry.MintedAt < ReuseWindow && entry.ExpiresAt - now > MinimumRemaining ? entry : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Store(string key, CachedKubeToken entry) => AtomicFile.Write(PathFor(key), JsonSerializer.Serialize(entry, KubeTokenCacheJsonContext.Default.CachedKubeToken));

    public static string Key(string baseUrl, string? organisation, string clusterId, string apiToken)
    {
        var material = string.Join('\n', baseUrl, organisation ?? "", clusterId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiToken))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..32];
    }

    private string PathFor(string key) => Path.Combine(Folder, key + ".json");
}
