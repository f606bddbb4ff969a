using Ankra.Mesh.Contracts.Subjects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Tunnel;

/// <summary>
/// Fails start-up when configuration still sets a tunnel setting that was removed. <c>Mesh:Tunnel:SubjectRoot</c>
/// once let one process use another subject root than the others (and than the control plane, which hands agents
/// <c>mesh.c.{cluster}</c>): every cluster went offline without an error. The root is now the constant
/// <see cref="MeshSubjects.Root"/>; a leftover setting must not be ignored silently, as its author expects it to act.
/// </summary>
internal sealed class RemovedTunnelSettingsValidator(IConfiguration configuration) : IValidateOptions<TunnelOptions>
{
    /// <summary>The setting that was removed, relative to <see cref="TunnelOptions.SectionName"/>.</summary>
    internal const string SubjectRoot = "SubjectRoot";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TunnelOptions options)
    {
        var key = $"{TunnelOptions.SectionName}:{SubjectRoot}";
        return configuration[key] is { } value
            ? ValidateOptionsResult.Fail(
                $"{key} was removed (it is set to '{value}'): every process uses the subject root '{MeshSubjects.Root}' (Ankra.Mesh.Contracts MeshSubjects); delete the setting.")
            : ValidateOptionsResult.Success;
    }
}
