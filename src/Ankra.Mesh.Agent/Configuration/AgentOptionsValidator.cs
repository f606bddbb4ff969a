using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Configuration;

/// <summary>Refuses to start with settings that cannot work, naming the setting to fix.</summary>
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RegistrationToken) && string.IsNullOrWhiteSpace(options.RegistrationTokenFile))
        {
            failures.Add("Set Mesh:Agent:RegistrationToken or Mesh:Agent:RegistrationTokenFile (the token from `ankra cluster import`).");
        }

        if (!Uri.TryCreate(options.EdgeUrl, UriKind.Absolute, out var edge) || edge.Scheme is not ("https" or "http"))
        {
            failures.Add($"Mesh:Agent:EdgeUrl must be an absolute http(s) URL of the edge; got \"{options.EdgeUrl}\".");
        }

        if (options.EdgeCaFile is not null && !File.Exists(options.EdgeCaFile))
        {
            failures.Add($"Mesh:Agent:EdgeCaFile: {options.EdgeCaFile} does not exist.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(3) || string.IsNullOrWhiteSpace(options.LeaseNamespace))
        {
            failures.Add($"Mesh:Agent:LeaseDuration must be at least 3 s and Mesh:Agent:LeaseNamespace set (got {options.LeaseDuration}, \"{options.LeaseNamespace}\").");
        }

        if (options.NatsCaFile is not null && !File.Exists(options.NatsCaFile))
        {
            failures.Add($"Mesh:Agent:NatsCaFile: {options.NatsCaFile} does not exist.");
        }

        if (options.ReplicaId is { } replica && !ReplicaIdPattern().IsMatch(replica))
        {
            failures.Add($"Mesh:Agent:ReplicaId must be 1-63 characters of [a-z0-9-]; got \"{replica}\".");
        }

        if (options.MinReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.MinReconnectDelay)
        {
            failures.Add("Mesh:Agent:MinReconnectDelay must be positive and not above Mesh:Agent:MaxReconnectDelay.");
        }

        if (options.MaxConcurrentUnaryRequests < 1 || options.MaxConcurrentStreamingRequests < 1)
        {
            failures.Add("Mesh:Agent:MaxConcurrentUnaryRequests and Mesh:Agent:MaxConcurrentStreamingRequests must be at least 1.");
        }

        var api = options.ApiServer;
        if (api.Url is not null && !Uri.TryCreate(api.Url, UriKind.Absolute, out _))
        {
            failures.Add($"Mesh:Agent:ApiServer:Url must be an absolute URL; got \"{api.Url}\".");
        }

        if (api.Url is not null && api.Token is null && api.TokenFile is null)
        {
            failures.Add("Mesh:Agent:ApiServer:Url needs Mesh:Agent:ApiServer:TokenFile or Mesh:Agent:ApiServer:Token (the agent's service-account token).");
        }

        foreach (var (setting, path) in new[] { ("TokenFile", api.TokenFile), ("CaFile", api.CaFile), ("Kubeconfig", api.Kubeconfig) })
        {
            if (path is not null && !File.Exists(path))
            {
                failures.Add($"Mesh:Agent:ApiServer:{setting}: {path} does not exist.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex ReplicaIdPattern();
}
