using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Hosting;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        if (options.CheckInInterval <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{ControlPlaneOptions.Section}:CheckInInterval must be positive.");
        }

        if (options.OfflineAfter <= options.CheckInInterval)
        {
            return ValidateOptionsResult.Fail($"{ControlPlaneOptions.Section}:OfflineAfter must be longer than CheckInInterval, or clusters flap offline between check-ins.");
        }

        if (options.SessionExpiry < options.OfflineAfter)
        {
            return ValidateOptionsResult.Fail($"{ControlPlaneOptions.Section}:SessionExpiry must be at least OfflineAfter, or sessions of a merely slow agent expire before its cluster even counts as offline.");
        }

        if (options.MaxSessionsPerCluster < 1)
        {
            return ValidateOptionsResult.Fail($"{ControlPlaneOptions.Section}:MaxSessionsPerCluster must be at least 1.");
        }

        return options.MintsPerMinute < 1
            ? ValidateOptionsResult.Fail($"{ControlPlaneOptions.Section}:MintsPerMinute must be at least 1.")
            : ValidateOptionsResult.Success;
    }
}
