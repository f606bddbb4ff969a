using Microsoft.Extensions.Options;
using Npgsql;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>Refuses audit settings that cannot work, naming the setting to fix.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var failures = new List<string>();
        if (options.Durable)
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException exception)
            {
                failures.Add($"{AuditOptions.Section}:ConnectionString is not an Npgsql connection string: {exception.Message}");
            }
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{AuditOptions.Section}:BatchSize must be between 1 and 10000.");
        }

        if (options.FlushInterval <= TimeSpan.Zero)
        {
            failures.Add($"{AuditOptions.Section}:FlushInterval must be positive.");
        }

        if (options.BufferCapacity < options.BatchSize)
        {
            failures.Add($"{AuditOptions.Section}:BufferCapacity must be at least {AuditOptions.Section}:BatchSize.");
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            failures.Add($"{AuditOptions.Section}:Retention must be positive (e.g. 90.00:00:00 for 90 days).");
        }

        if (options.RetentionSweepInterval <= TimeSpan.Zero)
        {
            failures.Add($"{AuditOptions.Section}:RetentionSweepInterval must be positive.");
        }

        if (options.InMemoryCapacity < 1)
        {
            failures.Add($"{AuditOptions.Section}:InMemoryCapacity must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
