using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// <c>ankra cluster kube-token</c>: kubectl's exec credential plugin. Prints exactly one line of
/// ExecCredential JSON on stdout, never prompts (kubectl runs it without a terminal), and explains
/// failures on stderr, which kubectl shows to the user.
/// </summary>
internal static class KubeTokenCommand
{
    public static Command Create()
    {
        var cluster = SharedOptions.Cluster();
        var refresh = new Option<bool>("--refresh") { Description = "Mint a new token even if a recent one is cached" };
        var command = CommandExamples.New("kube-token", "Print a short-lived kube token as kubectl ExecCredential JSON (used by kubeconfig exec entries).", """
            ankra cluster kube-token --cluster production
            ankra cluster kube-token --cluster production --refresh
            """, cluster, refresh);
        CommandAction.Set(command, async (context, cancellationToken) =>
        {
            var reference = ClusterResolver.Reference(context, context.ParseResult.GetValue(cluster));
            // An id needs no lookup: kubectl runs this for every command, so it stays one API call.
            var clusterId = ClusterResolver.LooksLikeId(reference)
                ? reference
                : (await ClusterResolver.ResolveAsync(context, reference, cancellationToken)).Id;
            var cache = new KubeTokenCache(context.Settings.Environment);
            var key = KubeTokenCache.Key(context.Settings.BaseUrl, context.Settings.Organisation, clusterId, context.Settings.RequireToken());
            if (!context.ParseResult.GetValue(refresh) && cache.TryGet(key, DateTimeOffset.UtcNow) is { } cached)
            {
                await context.Out.WriteLineAsync(ExecCredentialJson(cached.Token, cached.ExpiresAt));
                return ExitCodes.Ok;
            }

            try
            {
                var token = await context.Api.MintKubeTokenAsync(clusterId, cancellationToken);
                TryStore(cache, key, token, context);
                await context.Out.WriteLineAsync(ExecCredentialJson(token.Token, token.ExpiresAt));
                return ExitCodes.Ok;
            }
            catch (CliException exception) when (exception.ExitCode == ExitCodes.Forbidden)
            {
                var email = await TryGetEmailAsync(context, cancellationToken);
                throw new CliException(ExitCodes.Forbidden, $"""
                    {exception.Message}
                    You have no access grant on cluster {reference}. An organisation admin can grant it with:
                      ankra cluster access grant {email} --cluster {reference} --role view
                    """);
            }
        });
        return command;
    }

    /// <summary>The client.authentication.k8s.io/v1 ExecCredential kubectl expects, on one line, UTC whole seconds.</summary>
    public static string ExecCredentialJson(string token, DateTimeOffset expiresAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", "client.authentication.k8s.io/v1");
            json.WriteString("kind", "ExecCredential");
            json.WriteStartObject("status");
            json.WriteString("token", token);
            json.WriteString("expirationTimestamp",
                expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void TryStore(KubeTokenCache cache, string key, Api.KubeToken token, CommandContext context)
    {
        try
        {
            cache.Store(key, new CachedKubeToken(token.Token, token.ExpiresAt, DateTimeOffset.UtcNow));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Caching only saves mints; a read-only home must not break kubectl.
            context.Error.WriteLine($"Warning: could not cache the kube token in {cache.Folder}: {exception.Message}");
        }
    }

    private static async Task<string> TryGetEmailAsync(CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await context.Api.GetCurrentUserAsync(cancellationToken)).Email;
        }
        catch (CliException)
        {
            return "<your email>";
        }
    }
}
