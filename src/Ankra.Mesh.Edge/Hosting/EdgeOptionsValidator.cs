using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        if (options.PublicBaseUrl is { Length: > 0 } url &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:PublicBaseUrl must be an absolute http(s) URL, e.g. https://mesh.example.com.");
        }

        if (options.MaxRequestBodyBytes < 1024)
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:MaxRequestBodyBytes must be at least 1024.");
        }

        if (options.DecisionCacheTtl < TimeSpan.Zero || options.DecisionCacheTtl > TimeSpan.FromMinutes(1))
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:DecisionCacheTtl must be between 0 and 1 minute.");
        }

        if (options.DecisionCacheMaxEntries < 1 || options.DecisionCacheMaxEntries > 10_000_000)
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:DecisionCacheMaxEntries must be between 1 and 10000000 (got {options.DecisionCacheMaxEntries}).");
        }

        if (options.ShutdownDrainTimeout < TimeSpan.FromSeconds(1) || options.ShutdownDrainTimeout > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:ShutdownDrainTimeout must be between 00:00:01 and 01:00:00 (and below the pod's terminationGracePeriodSeconds).");
        }

        if (!AgentImageReference.IsValid(options.AgentImage))
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:AgentImage must be an image reference with a tag or digest, e.g. registry.example.com/ankra/agent:1.2.3 or …/agent@sha256:<64 hex>.");
        }

        if (options.AgentNatsCaFile is { Length: > 0 } ca && !File.Exists(ca))
        {
            return ValidateOptionsResult.Fail($"{EdgeOptions.Section}:AgentNatsCaFile names {ca}, which does not exist.");
        }

        return options.DefaultTokenExpiryDays < 1 || options.MaxTokenExpiryDays < options.DefaultTokenExpiryDays
            ? ValidateOptionsResult.Fail($"{EdgeOptions.Section}:DefaultTokenExpiryDays must be at least 1 and at most MaxTokenExpiryDays.")
            : ValidateOptionsResult.Success;
    }
}
