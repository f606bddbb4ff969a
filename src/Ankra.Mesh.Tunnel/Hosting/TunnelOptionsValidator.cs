using Ankra.Mesh.Tunnel.Framing;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Tunnel;

/// <summary>Checks <see cref="TunnelOptions"/> at start-up; every message names the setting to fix.</summary>
internal sealed class TunnelOptionsValidator : IValidateOptions<TunnelOptions>
{
    /// <summary>Largest chunk accepted: a quarter of the NATS default max_payload leaves room for framing.</summary>
    internal const int MaxChunkSize = 256 * 1024;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TunnelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = TunnelOptions.SectionName;
        if (options.ChunkSize < 1024 || options.ChunkSize > MaxChunkSize)
        {
            failures.Add($"{S}:ChunkSize must be between 1024 and {MaxChunkSize} bytes, far below the NATS max_payload (got {options.ChunkSize}).");
        }

        if (options.WindowSize < 2 * (options.ChunkSize + FrameCost.DataOverhead) || options.WindowSize > 64 * 1024 * 1024)
        {
            failures.Add($"{S}:WindowSize must hold at least two chunks ({2 * (options.ChunkSize + FrameCost.DataOverhead)} bytes with {S}:ChunkSize={options.ChunkSize}) and at most 64 MiB (got {options.WindowSize}).");
        }

        if (options.KeepaliveInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:KeepaliveInterval must be positive (got {options.KeepaliveInterval}).");
        }

        if (options.IdleTimeout < options.KeepaliveInterval * 2)
        {
            failures.Add($"{S}:IdleTimeout must be at least twice {S}:KeepaliveInterval so a live peer can answer a Ping (got {options.IdleTimeout} vs {options.KeepaliveInterval}).");
        }

        if (options.OpenTimeout <= TimeSpan.Zero || options.OpenTimeout > options.IdleTimeout)
        {
            failures.Add($"{S}:OpenTimeout must be positive and at most {S}:IdleTimeout (got {options.OpenTimeout} vs {options.IdleTimeout}).");
        }

        if (options.EarlyResponseWait < TimeSpan.Zero || options.EarlyResponseWait * 2 > options.OpenTimeout)
        {
            failures.Add($"{S}:EarlyResponseWait must be between zero and half of {S}:OpenTimeout, or the edge gives up on an open the agent is still holding (got {options.EarlyResponseWait} vs {options.OpenTimeout}).");
        }

        if (options.OpenAckTimeout <= options.EarlyResponseWait || options.OpenAckTimeout > options.OpenTimeout)
        {
            failures.Add($"{S}:OpenAckTimeout must be longer than {S}:EarlyResponseWait (the agent may hold its accept that long) and at most {S}:OpenTimeout (got {options.OpenAckTimeout}).");
        }

        if (options.SuspectSessionTtl < TimeSpan.Zero)
        {
            failures.Add($"{S}:SuspectSessionTtl must not be negative (got {options.SuspectSessionTtl}).");
        }

        if (options.BulkLaneThreshold < 0)
        {
            failures.Add($"{S}:BulkLaneThreshold must be zero (no bulk lane) or a byte count (got {options.BulkLaneThreshold}).");
        }

        if (options.MaxConcurrentStreamsPerSession < 1)
        {
            failures.Add($"{S}:MaxConcurrentStreamsPerSession must be at least 1 (got {options.MaxConcurrentStreamsPerSession}).");
        }

        if (options.MaxHeaderBytes < 1024 || options.MaxHeaderBytes > MaxChunkSize)
        {
            failures.Add($"{S}:MaxHeaderBytes must be between 1024 and {MaxChunkSize} so a head fits one NATS message (got {options.MaxHeaderBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when <paramref name="options"/> is invalid.</summary>
    internal static void ThrowIfInvalid(TunnelOptions options)
    {
        var result = new TunnelOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(TunnelOptions.SectionName, typeof(TunnelOptions), result.Failures);
        }
    }
}
