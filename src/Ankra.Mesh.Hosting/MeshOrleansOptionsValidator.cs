using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Hosting;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class MeshOrleansOptionsValidator : IValidateOptions<MeshOrleansOptions>
{
    public ValidateOptionsResult Validate(string? name, MeshOrleansOptions options)
    {
        if (options.Mode == MeshOrleansMode.AdoNet && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{MeshOrleansOptions.Section}:ConnectionString is required when {MeshOrleansOptions.Section}:Mode is AdoNet.");
        }

        if (options.SiloPort is <= 0 or > 65535 || options.GatewayPort is <= 0 or > 65535)
        {
            return ValidateOptionsResult.Fail($"{MeshOrleansOptions.Section}:SiloPort and GatewayPort must be TCP ports (1-65535).");
        }

        if (!string.IsNullOrEmpty(options.AdvertisedAddress) && !System.Net.IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            return ValidateOptionsResult.Fail($"{MeshOrleansOptions.Section}:AdvertisedAddress must be an IP address (the pod IP); got \"{options.AdvertisedAddress}\".");
        }

        return string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId)
            ? ValidateOptionsResult.Fail($"{MeshOrleansOptions.Section}:ClusterId and ServiceId must not be empty.")
            : ValidateOptionsResult.Success;
    }
}
