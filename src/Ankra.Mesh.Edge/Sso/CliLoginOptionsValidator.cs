using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Sso;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class CliLoginOptionsValidator : IValidateOptions<CliLoginOptions>
{
    public ValidateOptionsResult Validate(string? name, CliLoginOptions options)
    {
        if (options.TicketLifetime < TimeSpan.FromSeconds(5) || options.TicketLifetime > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"{CliLoginOptions.Section}:TicketLifetime must be between 00:00:05 and 01:00:00.");
        }

        if (options.TokenLifetimeDays < 1 || options.TokenLifetimeDays > 365)
        {
            return ValidateOptionsResult.Fail($"{CliLoginOptions.Section}:TokenLifetimeDays must be between 1 and 365.");
        }

        return options.StartsPerMinutePerAddress < 1
            ? ValidateOptionsResult.Fail($"{CliLoginOptions.Section}:StartsPerMinutePerAddress must be at least 1.")
            : ValidateOptionsResult.Success;
    }
}
