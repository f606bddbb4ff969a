using System.Collections.Concurrent;
using Ankra.Mesh.KubeSim.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Authentication;

/// <summary>Bearer tokens → identities: the agent's service-account token plus user tokens added at any time.</summary>
internal sealed class TokenAuthenticator
{
    public const string AgentServiceAccount = "system:serviceaccount:ankra:ankra-agent";

    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);

    public TokenAuthenticator(IOptions<KubeSimOptions> options)
    {
        var settings = options.Value;
        _tokens[settings.AgentToken] = UserInfo.Create(AgentServiceAccount, ["system:serviceaccounts", "system:serviceaccounts:ankra"]);
        foreach (var (token, spec) in settings.UserTokens)
        {
            var parts = spec.Split(':', 2);
            var groups = parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            Add(token, parts[0], groups);
        }
    }

    public void Add(string token, string user, IEnumerable<string> groups) => _tokens[token] = UserInfo.Create(user, groups);

    public UserInfo? Authenticate(string? authorization)
    {
        const string Prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return _tokens.GetValueOrDefault(authorization[Prefix.Length..].Trim());
    }
}
