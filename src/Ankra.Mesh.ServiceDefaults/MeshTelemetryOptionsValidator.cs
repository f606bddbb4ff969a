using Microsoft.Extensions.Options;

namespace Ankra.Mesh.ServiceDefaults;

/// <summary>Refuses telemetry settings that cannot work, naming the setting to fix.</summary>
internal sealed class MeshTelemetryOptionsValidator : IValidateOptions<MeshTelemetryOptions>
{
    /// <summary>Far above any dashboard's use, far below what hurts a Prometheus server.</summary>
    internal const int MaxClusterLabelsCeiling = 1000;

    public ValidateOptionsResult Validate(string? name, MeshTelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.InternalUrl is { Length: > 0 } url && InternalListener.Parse(url) is null)
        {
            failures.Add($"{MeshTelemetryOptions.Section}:InternalUrl \"{url}\" must be http://HOST:PORT with an explicit port above 0 " +
                "(HOST an IP address, localhost, or 0.0.0.0 / * for every interface); no path, no TLS.");
        }

        if (options.MaxClusterLabels is < 0 or > MaxClusterLabelsCeiling)
        {
            failures.Add($"{MeshTelemetryOptions.Section}:MaxClusterLabels must be between 0 and {MaxClusterLabelsCeiling}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
