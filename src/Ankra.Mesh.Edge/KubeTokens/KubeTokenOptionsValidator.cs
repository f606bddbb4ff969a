using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class KubeTokenOptionsValidator(IOptions<MeshOrleansOptions> orleans) : IValidateOptions<KubeTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, KubeTokenOptions options)
    {
        if (options.Lifetime < TimeSpan.FromMinutes(1) || options.Lifetime > TimeSpan.FromHours(12))
        {
            return ValidateOptionsResult.Fail($"{KubeTokenOptions.Section}:Lifetime must be between 1 minute and 12 hours.");
        }

        if (options.Keys.Count == 0)
        {
            // Several edges must share keys; a per-process random key only fits the single embedded edge.
            return orleans.Value.Mode == MeshOrleansMode.Embedded
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{KubeTokenOptions.Section}:Keys must hold at least one signing key (Id, Secret) when Mesh:Orleans:Mode is AdoNet.");
        }

        foreach (var key in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Id) || !IsLongBase64(key.Secret))
            {
                return ValidateOptionsResult.Fail($"{KubeTokenOptions.Section}:Keys: every key needs an Id and a base64 Secret of at least 32 bytes (key '{key.Id}').");
            }
        }

        return options.ActiveKeyId is { Length: > 0 } active && options.Keys.All(k => k.Id != active)
            ? ValidateOptionsResult.Fail($"{KubeTokenOptions.Section}:ActiveKeyId '{active}' names no key in {KubeTokenOptions.Section}:Keys.")
            : ValidateOptionsResult.Success;
    }

    private static bool IsLongBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
