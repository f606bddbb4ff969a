using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>Turns <c>--cluster name|id</c> (or the selected cluster) into a cluster id and name.</summary>
internal static class ClusterResolver
{
    public static bool LooksLikeId(string value) => Guid.TryParse(value, out _);

    /// <summary>The cluster the user named, else the selected one; exit 2 with guidance when neither exists.</summary>
    public static string Reference(CommandContext context, string? flag) =>
        flag
        ?? context.Settings.ConfigFile.Get(AnkraConfigFile.SelectedClusterIdKey)
        ?? throw new CliException(ExitCodes.Usage,
            "No cluster given: pass --cluster <name|id>, or choose one with `ankra cluster select <name>`.");

    /// <summary>Resolves a reference to the cluster, asking the API (exit 3 when no such cluster exists).</summary>
    public static async Task<ClusterInfo> ResolveAsync(CommandContext context, string reference, CancellationToken cancellationToken)
    {
        if (LooksLikeId(reference))
        {
            return await context.Api.GetClusterAsync(reference, cancellationToken);
        }

        var page = await context.Api.ListClustersAsync(1, 100, reference, cancellationToken);
        var matches = page.Result.Where(cluster => string.Equals(cluster.Name, reference, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliException(ExitCodes.NotFound,
                $"Cluster \"{reference}\" not found in this organisation; `ankra cluster list` shows the clusters you can see."),
            _ => throw new CliException(ExitCodes.Usage,
                $"{matches.Count} clusters are named \"{reference}\"; pass the cluster id instead ({string.Join(", ", matches.Select(m => m.Id))})."),
        };
    }

    /// <summary>All clusters of the organisation, following pagination.</summary>
    public static async Task<List<ClusterInfo>> ListAllAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var clusters = new List<ClusterInfo>();
        for (var page = 1; ; page++)
        {
            var result = await context.Api.ListClustersAsync(page, 100, cancellationToken: cancellationToken);
            clusters.AddRange(result.Result);
            if (result.Pagination is null || page >= result.Pagination.TotalPages || result.Result.Count == 0)
            {
                return clusters;
            }
        }
    }
}
